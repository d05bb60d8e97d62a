import { checkRedirectUri, TUNNEL_PRESETS } from '@wechat-qr-login/vite-plugin'

// #region check
export const problems = checkRedirectUri({
  redirectUri: 'https://www.example.com:8443/auth/wechat/callback',
  callbackDomain: 'example.com',
})
// → [{ code: 'NON_DEFAULT_PORT', message: '…' }, { code: 'SUBDOMAIN_OF_CALLBACK_DOMAIN', message: '…' }]
export const fine = checkRedirectUri({
  redirectUri: 'https://abc.natapp4.cc/auth/wechat/callback',
  callbackDomain: 'abc.natapp4.cc',
  tunnel: 'https://abc.natapp4.cc',
})
// → []
// #endregion check

// #region presets
export const natappSuffixes = TUNNEL_PRESETS.natapp // ['.natappfree.cc', '.natapp1.cc', '.natapp4.cc']
// #endregion presets
