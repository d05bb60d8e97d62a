import { buildEmbedUrl, cssToHref } from '@wechat-qr-login/core'

// The same conversion for an iframe you build yourself: UTF-8 safe, no hosting needed.
export const href = cssToHref('.impowerBox .info:after { content: "请使用微信扫一扫"; }')

export const src = buildEmbedUrl({
  appid: 'wx0123456789abcdef',
  redirectUri: 'https://www.example.com/auth/wechat/callback',
  state: 'Jx0b1N3uQ6m2yL8cVt5rP4aZ9kWd7eHs',
  selfRedirect: true,
  href,
})
