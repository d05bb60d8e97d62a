import type { InlineConfig, Rolldown } from 'vite'
import { fileURLToPath } from 'node:url'
import { runInNewContext } from 'node:vm'
import * as pinia from 'pinia'
import { build } from 'vite'
import { describe, expect, it } from 'vitest'
import * as vue from 'vue'
import { devFlag } from '../../../scripts/dev-flag.ts'
import { alias } from '../../../vite.config.ts'

const ENTRY = fileURLToPath(new URL('./index.ts', import.meta.url))

/** Development-only sentences of core and of this package, each on a path an app can reach. */
const DEV_SENTENCES = [
  'from the WeChat Open Platform console', // core: assertAppid
  'Check that the server is up', // request timeout
  'Is the server package mounted at', // an answer that is not the server package's
  'Scan the QR code again to retry', // a login denied in WeChat
  'can only load in a browser', // loadWxLogin() without a document
]

/** The package built from its sources, as the published files are (`__DEV__` replaced alike). */
async function bundle(config: InlineConfig): Promise<string> {
  const output = await build({
    root: fileURLToPath(new URL('.', import.meta.url)),
    configFile: false,
    envFile: false,
    logLevel: 'silent',
    plugins: [devFlag()],
    resolve: { alias },
    ...config,
    build: { write: false, ...config.build },
  }) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[]
  const chunks = (Array.isArray(output) ? output : [output]).flatMap(result => result.output).filter(file => file.type === 'chunk')
  expect(chunks).toHaveLength(1)
  return chunks[0]!.code
}

/** An app's build: Vite, minified, the package and core bundled, vue and pinia external. */
function appBuild(nodeEnv: 'production' | 'development'): Promise<string> {
  return bundle({
    mode: nodeEnv,
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
    build: {
      minify: true,
      rolldownOptions: { input: ENTRY, preserveEntrySignatures: 'strict', external: ['vue', 'pinia'], output: { format: 'es', codeSplitting: false } },
    },
  })
}

describe('development-only text', () => {
  it('is left out of a production build', async () => {
    const code = await appBuild('production')
    for (const sentence of DEV_SENTENCES)
      expect(code, sentence).not.toContain(sentence)
    expect(code).not.toMatch(/__DEV__|process\.env/)
    // The short production texts stay.
    expect(code).toContain('No document.')
    expect(code).toContain('timed out.')
  }, 60_000)

  it('is in a development build', async () => {
    const code = await appBuild('development')
    for (const sentence of DEV_SENTENCES)
      expect(code, sentence).toContain(sentence)
  }, 60_000)

  it('gives way to the short text in a browser that loads the files without a bundler', async () => {
    // As published: `process.env.NODE_ENV` left for the app's bundler, which a bare browser lacks.
    const code = await bundle({
      build: {
        minify: false,
        lib: { entry: ENTRY, formats: ['iife'], name: 'WechatQrLogin' },
        rolldownOptions: { external: ['vue', 'pinia'], output: { globals: { vue: 'Vue', pinia: 'Pinia' } } },
      },
    })
    expect(code).toContain('process.env.NODE_ENV')
    const load = (globals: Record<string, unknown>): Promise<unknown> => runInNewContext(`${code}\nWechatQrLogin.loadWxLogin('https://res.wx.qq.com/connect/zh_CN/htmledition/js/wxLogin.js')`, { Vue: vue, Pinia: pinia, ...globals })

    const bare = await load({}).catch((error: Error) => error) as Error
    expect(bare).toMatchObject({ name: 'WechatLoginError', code: 'SCRIPT_LOAD_FAILED', message: expect.stringMatching(/No document\.$/) })
    const developing = await load({ process: { env: { NODE_ENV: 'development' } } }).catch((error: Error) => error)
    expect(developing).toMatchObject({ code: 'SCRIPT_LOAD_FAILED', message: expect.stringContaining('can only load in a browser') })
  }, 60_000)
})
