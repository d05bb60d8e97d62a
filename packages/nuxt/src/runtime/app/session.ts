import type { WechatAuthStore } from '@wechat-qr-login/vue'
import type { Pinia } from 'pinia'
import { useNuxtApp } from '#imports'
import { useWechatAuthStore } from '@wechat-qr-login/vue'

/** The auth store of this app (on the server: of this request, from its own Pinia). */
export function useAuthStore(): WechatAuthStore {
  return useWechatAuthStore(useNuxtApp().$pinia as Pinia)
}
