import type { WechatCallbackOutcome, WechatLoginOptions } from '@wechat-qr-login/vue'
import { handleWechatCallback, loadWxLogin, WECHAT_LOGIN_OPTIONS } from '@wechat-qr-login/vue'
import { inject } from 'vue'

// #region handle-callback
// On the route at redirectUri, when the app (not the server package) receives the code.
export async function onCallbackRoute(): Promise<string> {
  const outcome: WechatCallbackOutcome = await handleWechatCallback()
  switch (outcome.type) {
    case 'authenticated': return outcome.returnTo ?? '/' // top window: signed in
    case 'error': return `/login?failed=${outcome.error.code}` // top window: it failed
    case 'relayed': return '' // iframe or popup: the app window takes it from here
    case 'none': return '/' // not a callback at all
  }
}
// #endregion handle-callback

// #region load-wx-login
// WeChat's own script, once per page; what the `official` loader uses.
export async function mountOfficialQr(containerId: string): Promise<void> {
  const WxLogin = await loadWxLogin('https://res.wx.qq.com/connect/zh_CN/htmledition/js/wxLogin.js', { timeout: 8000 })
  // eslint-disable-next-line no-new -- the constructor renders into the container
  new WxLogin({
    id: containerId,
    appid: 'wx0123456789abcdef',
    scope: 'snsapi_login',
    // wxLogin.js concatenates these as they are: encode them yourself.
    redirect_uri: encodeURIComponent('https://www.example.com/auth/wechat/callback'),
    state: 'Jx0b1N3uQ6m2yL8cVt5rP4aZ9kWd7eHs',
    self_redirect: true,
  })
}
// #endregion load-wx-login

// #region options
// Inside a component's setup: the options given to createWechatLogin().
export function useLoginDefaults(): WechatLoginOptions {
  return inject(WECHAT_LOGIN_OPTIONS, {})
}
// #endregion options
