import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const packages = fileURLToPath(new URL('../../', import.meta.url))
const registeredUser = fileURLToPath(new URL('./isolated/registered-user.ts', import.meta.url))

function compilerOptions(paths: Record<string, string[]>, extra: ts.CompilerOptions = {}): ts.CompilerOptions {
  const base = join(packages, '..', 'tsconfig.base.json')
  const { config } = ts.readConfigFile(base, ts.sys.readFile)
  const { options } = ts.parseJsonConfigFileContent({ ...config, compilerOptions: { ...config.compilerOptions, paths } }, ts.sys, join(packages, '..'))
  return { ...options, ...extra }
}

/** The errors the sample of an app with its own user type gets, in a program of its own. */
function diagnosticsOfRegisteredUser(paths: Record<string, string[]>): string[] {
  const program = ts.createProgram([registeredUser], compilerOptions(paths))
  return ts.getPreEmitDiagnostics(program)
    .filter(diagnostic => diagnostic.file?.fileName === registeredUser)
    .map(diagnostic => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
}

describe('a user type registered in WechatLoginRegister', () => {
  let declarations: string

  beforeAll(async () => {
    // What the build does first: TypeScript's declaration emit, which prints every inferred type.
    // Inside the package, so that the declarations' imports of vue and pinia resolve as from dist/.
    declarations = await mkdtemp(join(packages, 'vue/node_modules/.declarations-'))
    const program = ts.createProgram([join(packages, 'vue/src/index.ts')], compilerOptions(
      { '@wechat-qr-login/core': [join(packages, 'core/src/index.ts')] },
      { noEmit: false, declaration: true, emitDeclarationOnly: true, rootDir: packages, outDir: declarations },
    ))
    const { diagnostics } = program.emit()
    expect(diagnostics).toEqual([])
  }, 60_000)
  afterAll(() => rm(declarations, { recursive: true, force: true }))

  it('reaches the store, the composable, the events and the slots through the sources', () => {
    expect(diagnosticsOfRegisteredUser({
      '@wechat-qr-login/core': [join(packages, 'core/src/index.ts')],
      '@wechat-qr-login/vue': [join(packages, 'vue/src/index.ts')],
    })).toEqual([])
  }, 60_000)

  it('reaches them through the emitted declarations, as an app compiles them', () => {
    expect(diagnosticsOfRegisteredUser({
      '@wechat-qr-login/core': [join(declarations, 'core/src/index.d.ts')],
      '@wechat-qr-login/vue': [join(declarations, 'vue/src/index.d.ts')],
    })).toEqual([])
  }, 60_000)
})
