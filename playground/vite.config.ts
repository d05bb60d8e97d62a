import process from 'node:process'
import vue from '@vitejs/plugin-vue'
import { createRunnableDevEnvironment, defineConfig, resolveConfig } from 'vite'
import { devFlag } from '../scripts/dev-flag.ts'
import { alias } from '../vite.config.ts'

/**
 * Imports a workspace package from its sources, through the same `alias` as the app's code, so
 * that `pnpm dev` needs no build. An app imports the built package instead:
 * `import wechatQrLogin from '@wechat-qr-login/vite-plugin'`.
 * (Not `runnerImport()`: it closes its module runner, and the plugin imports `vite` lazily.)
 */
async function importFromSources<T>(id: string): Promise<T> {
  const config = await resolveConfig({ configFile: false, envDir: false, logLevel: 'silent', plugins: [devFlag()], resolve: { alias } }, 'serve')
  const environment = createRunnableDevEnvironment('ssr', config, { hot: false })
  await environment.init()
  return environment.runner.import(id)
}

const { wechatQrLogin } = await importFromSources<typeof import('@wechat-qr-login/vite-plugin')>('@wechat-qr-login/vite-plugin')

export default defineConfig({
  resolve: { alias },
  plugins: [
    devFlag(),
    vue(),
    // Offline by default: the emulator (its Official Account too) and the auth routes run inside this dev server.
    // WECHAT_APPID + WECHAT_APPSECRET (+ WECHAT_TUNNEL_URL, + WECHAT_OA_APPID and WECHAT_OA_APPSECRET
    // inside WeChat) in playground/.env.local switch to the real WeChat.
    // PLAYGROUND_LAN=1 lets a phone on the same Wi-Fi open the emulator's phone page.
    wechatQrLogin({ dev: { emulator: { lan: process.env.PLAYGROUND_LAN === '1' } } }),
  ],
})
