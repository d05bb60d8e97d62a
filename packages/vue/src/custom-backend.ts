import type { LoginBackend, SignedIn } from './backend'
import type { WechatLoginOptions } from './options'
import type { WechatLoginUser } from './types'
import { createState, WechatLoginError } from '@wechat-qr-login/core'
import { devOnly } from '@wechat-qr-login/core/internal'
import { BROWSER_STATE_LIFETIME } from './backend'

function signedIn(user: WechatLoginUser | null | undefined): SignedIn | null {
  return user == null ? null : { user }
}

/**
 * The app's own backend: `exchange(code, state, { flow })`, and optionally `session()` and
 * `logout()`. States are minted here and only this tab can vouch for them; inside WeChat, the
 * Official Account's login needs `officialAccountAppid`.
 */
export function customBackend(exchange: NonNullable<WechatLoginOptions['exchange']>, options: WechatLoginOptions): LoginBackend {
  const { session, logout, officialAccountAppid } = options
  return {
    checksState: true,
    issue({ flow }) {
      if (flow === 'oa' && !officialAccountAppid)
        throw new WechatLoginError('OFFICIAL_ACCOUNT_NOT_CONFIGURED', devOnly(() => __DEV__ && 'A page inside WeChat needs an Official Account\'s login: pass createWechatLogin({ officialAccountAppid }) and exchange its codes (flow "oa") with its AppSecret.') || 'No Official Account.')
      return { state: createState(), expiresAt: Date.now() + BROWSER_STATE_LIFETIME, ...(flow === 'oa' && { appid: officialAccountAppid }) }
    },
    exchange: async (code, state, flow) => signedIn(await exchange(code, state, { flow })),
    relayed: async user => signedIn(session ? await session() : user),
    session: async () => signedIn(await session?.()),
    logout: async () => logout?.(),
  }
}
