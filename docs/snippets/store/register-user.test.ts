import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { DOCS } from '../site/site'

/**
 * `WechatLoginRegister` changes the user type of the whole program, so its sample is checked in
 * a program of its own (docs/tsconfig.json leaves `isolated/` out).
 */
describe('typing your user with WechatLoginRegister', () => {
  it('types the store and exchange() with the registered user', () => {
    const { config } = ts.readConfigFile(join(DOCS, 'tsconfig.json'), ts.sys.readFile)
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, DOCS)
    const program = ts.createProgram([join(import.meta.dirname, 'isolated', 'register-user-usage.ts')], options)
    // Only the sample's own files: an app compiles the package's .d.mts, not its sources.
    const diagnostics = ts.getPreEmitDiagnostics(program)
      .filter(diagnostic => diagnostic.file?.fileName.includes('/snippets/store/isolated/') ?? true)
      .map(diagnostic => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
    expect(diagnostics).toEqual([])
  }, 60_000)
})
