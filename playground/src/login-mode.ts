import type { ShallowRef } from 'vue'
import type { PlaygroundModeId } from './modes'
import { shallowRef } from 'vue'
import { PLAYGROUND_MODES } from './modes'

const STORAGE_KEY = 'wechat-qr-login:playground-login-mode'

function readSaved(): PlaygroundModeId | null {
  if (typeof sessionStorage === 'undefined')
    return null
  const saved = sessionStorage.getItem(STORAGE_KEY)
  return PLAYGROUND_MODES.find(mode => mode.id === saved)?.id ?? null
}

function save(id: PlaygroundModeId | null): void {
  if (id === null)
    sessionStorage.removeItem(STORAGE_KEY)
  else
    sessionStorage.setItem(STORAGE_KEY, id)
}

// Per tab, and kept across page loads: a login that leaves the page comes back through one.
const rememberedAtLoad = readSaved()
const loginMode = shallowRef<PlaygroundModeId | null>(rememberedAtLoad)

/** What {@link useLoginMode} returns. */
export interface PlaygroundLoginMode {
  /** The card whose login signed the user in, or started last; `null` when this tab does not know. */
  loginMode: Readonly<ShallowRef<PlaygroundModeId | null>>
  /** A login of the card `id` started (its `<WechatQrLogin>` is ready). */
  remember: (id: PlaygroundModeId) => void
  /**
   * `restore()` found a session: a login before this page load opened it. A QR that this page
   * showed meanwhile (the component mounts before the session is known) did not.
   */
  restoredSession: () => void
  /** The user logged out. */
  forget: () => void
}

/**
 * The mode the user signed in with, which "Signed in · via …" names: not the card in the
 * address, which the back button or a bookmark may have changed since.
 */
export function useLoginMode(): PlaygroundLoginMode {
  function set(id: PlaygroundModeId | null): void {
    loginMode.value = id
    save(id)
  }
  return {
    loginMode,
    remember: set,
    restoredSession: () => set(rememberedAtLoad),
    forget: () => set(null),
  }
}
