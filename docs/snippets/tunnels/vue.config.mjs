// vue.config.mjs (vue-cli 5, webpack-dev-server 4). On vue-cli 4 pass `version: 3`.
import { wechatDevServerConfig } from '@wechat-qr-login/vite-plugin'

export default {
  devServer: {
    // → allowedHosts: ['abc.natapp4.cc'], client.webSocketURL: 'auto://0.0.0.0:0/ws'
    ...wechatDevServerConfig({ tunnel: 'https://abc.natapp4.cc', version: 4 }),
  },
}
