import type { WechatAuthStore } from '@wechat-qr-login/vue'
import type { Pinia } from 'pinia'
import type { Ref } from 'vue'
import { useNuxtApp, useState } from '#imports'
import { useWechatAuthStore } from '@wechat-qr-login/vue'

/** The auth store of this app (on the server: of this request, from its own Pinia). */
export function useAuthStore(): WechatAuthStore {
  return useWechatAuthStore(useNuxtApp().$pinia as Pinia)
}

/**
 * Whether the store knows the session: read by the server render (and sent in the payload), or
 * restored in this browser. Prerendered pages were rendered without one.
 */
export function useSessionKnown(): Ref<boolean> {
  return useState('wechat-qr-login:session-known', () => false)
}

/** Restores the session in the browser unless the store already knows it; the store, once it does. */
export async function knownSession(auth: WechatAuthStore, known: Ref<boolean>): Promise<WechatAuthStore> {
  if (import.meta.client && !known.value) {
    await auth.restore()
    known.value = true
  }
  return auth
}
