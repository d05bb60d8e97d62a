import type { WechatRelayMessage } from '@wechat-qr-login/core'
import {
  buildAuthorizeUrl,
  buildEmbedUrl,
  buildOfficialAccountAuthorizeUrl,
  createRelayMessage,
  createState,
  cssToHref,
  describeErrcode,
  detectWechatEnvironment,
  isRelayMessage,
  isWechatErrorResponse,
  isWechatLoginError,
  parseCallback,
  stripCallbackParams,
  WechatApiError,
  wechatIdentity,
  WechatLoginError,
} from '@wechat-qr-login/core'

const appid = 'wx0123456789abcdef'
const redirectUri = 'https://www.example.com/auth/wechat/callback'

// #region urls
const state = createState() // 32 letters and digits from Web Crypto

// Redirect and new-window modes: the documented qrconnect URL.
export const authorizeUrl = buildAuthorizeUrl({ appid, redirectUri, state })
// → https://open.weixin.qq.com/connect/qrconnect?appid=wx0123456789abcdef
//   &redirect_uri=https%3A%2F%2Fwww.example.com%2Fauth%2Fwechat%2Fcallback
//   &response_type=code&scope=snsapi_login&state=…#wechat_redirect

// Embedded mode: the iframe src that wxLogin.js would build, with every value encoded once.
export const embedUrl = buildEmbedUrl({
  appid,
  redirectUri,
  state,
  selfRedirect: true,
  href: cssToHref('.impowerBox .title { display: none; }'),
  lang: 'en',
})
// #endregion urls

// #region in-wechat
const userAgent = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN'
export const environment = detectWechatEnvironment(userAgent) // 'wechat-mobile'

// Inside WeChat, from the user's tap: the Official Account's web authorization.
export const officialAccountUrl = buildOfficialAccountAuthorizeUrl({
  appid: 'wxfeedface0ff1c1a1', // the Official Account's AppID, not the website app's
  redirectUri,
  scope: 'snsapi_userinfo',
  state,
})
// → https://open.weixin.qq.com/connect/oauth2/authorize?appid=wxfeedface0ff1c1a1
//   &redirect_uri=https%3A%2F%2Fwww.example.com%2Fauth%2Fwechat%2Fcallback
//   &response_type=code&scope=snsapi_userinfo&state=…#wechat_redirect
// #endregion in-wechat

// #region callback
export const callback = parseCallback('https://www.example.com/auth/wechat/callback?code=061abc&state=Jx0b1N3u')
// → { type: 'success', code: '061abc', state: 'Jx0b1N3u' }
export const denied = parseCallback('https://www.example.com/auth/wechat/callback?state=Jx0b1N3u')
// → { type: 'denied', state: 'Jx0b1N3u' }
export const cleaned = stripCallbackParams('https://www.example.com/account?tab=1&code=061abc&state=Jx0b1N3u')
// → 'https://www.example.com/account?tab=1', for history.replaceState()
// #endregion callback

// #region errors
export function explain(error: unknown): string {
  if (error instanceof WechatApiError)
    // Decide by errcode or category, never by errmsg (it ends in a changing "rid: …").
    return error.category === 'invalid-code' ? 'Scan again.' : `WeChat said ${error.errcode}.`
  if (isWechatLoginError(error, 'INVALID_APPID', 'INVALID_REDIRECT_URI'))
    return `Fix the option "${error.option}".`
  return 'Something else went wrong.'
}

export const badAppid = (() => {
  try {
    return buildAuthorizeUrl({ appid: 'wx123', redirectUri, state: 'abc' })
  }
  catch (error) {
    return error as WechatLoginError // code 'INVALID_APPID', option 'appid'
  }
})()

const body: unknown = JSON.parse('{"errcode":40163,"errmsg":"code been used, rid: 6270dbb5-47d9f324"}')
export const apiError = isWechatErrorResponse(body) ? new WechatApiError(body, { endpoint: '/sns/oauth2/access_token' }) : undefined
// → apiError.category === 'invalid-code', apiError.retryable === false
export const busy = describeErrcode(-1) // { meaning: '系统繁忙…', category: 'busy', fix: '…' }
// #endregion errors

// #region identity
export const userId = wechatIdentity({ appid, openid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M', unionid: undefined })
// → 'openid:wx0123456789abcdef:o6_bmjrPTlm6_2sgVt7hMZOPfL2M' (a unionid would be the id itself)
// #endregion identity

// #region relay
// A callback page in an iframe or popup tells the app window, to its exact origin:
export const message: WechatRelayMessage = createRelayMessage('Jx0b1N3u', { type: 'denied' })
// The app window accepts only well-formed messages, from its own origin, for a state it issued:
export function accept(event: MessageEvent, issued: Set<string>): WechatRelayMessage | undefined {
  if (event.origin === location.origin && isRelayMessage(event.data) && issued.has(event.data.state))
    return event.data
}
// #endregion relay

export { WechatLoginError }
