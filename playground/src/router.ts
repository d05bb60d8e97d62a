import type { ShallowRef } from 'vue'
import type { PlaygroundModeId } from './modes'
import { parseCallback } from '@wechat-qr-login/core'
import { shallowRef } from 'vue'
import { findMode } from './modes'

/** The playground's two pages, in the hash as a hash-router app has them. */
export type PlaygroundRoute
  = | { name: 'home', mode: PlaygroundModeId }
    | { name: 'callback' }

function readRoute(): PlaygroundRoute {
  if (typeof window === 'undefined')
    return { name: 'home', mode: findMode(undefined).id }
  // WeChat appends code and state to the redirect URI, wherever the app's router keeps its path.
  if (location.hash.startsWith('#/callback') || parseCallback(location.href).type !== 'none')
    return { name: 'callback' }
  const match = /^#\/mode\/([\w-]+)/.exec(location.hash)
  return { name: 'home', mode: findMode(match?.[1]).id }
}

const route = shallowRef<PlaygroundRoute>(readRoute())

if (typeof window !== 'undefined')
  window.addEventListener('hashchange', () => (route.value = readRoute()))

/** What {@link useRoute} returns. */
export interface PlaygroundRouter {
  route: ShallowRef<PlaygroundRoute>
  /** Shows a mode: `#/mode/<id>`, which a login that leaves the page comes back to. */
  showMode: (mode: PlaygroundModeId, options?: { replace?: boolean }) => void
  /** Leaves the callback page for a clean home URL (no code, no state, no marker). */
  leaveCallback: (path: string | undefined) => void
}

/** The current route, and how to move. */
export function useRoute(): PlaygroundRouter {
  function showMode(mode: PlaygroundModeId, { replace = false } = {}): void {
    const url = `${location.pathname}${location.search}#/mode/${mode}`
    if (replace)
      history.replaceState(history.state, '', url)
    else
      history.pushState(history.state, '', url)
    route.value = readRoute()
  }
  function leaveCallback(path: string | undefined): void {
    history.replaceState(history.state, '', path && path.startsWith('/') && !path.startsWith('//') ? path : '/')
    route.value = readRoute()
  }
  return { route, showMode, leaveCallback }
}
