import type { Reporter, TestModule } from 'vitest/node'
import process from 'node:process'
import { CONSUMER_TIMING } from './timing'

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`
}

/**
 * Prints what the consumer project added to the run (packing, then its files, which run one
 * after another), just before Vitest's summary, so the run still ends with that summary.
 */
export default class ConsumerDurationReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const modules = testModules.filter(module => module.project.name === 'consumer')
    if (modules.length === 0)
      return
    const filesMs = modules.reduce((total, module) => total + module.diagnostic().duration, 0)
    const setup = CONSUMER_TIMING.packed ? `packing every package ${seconds(CONSUMER_TIMING.setupMs)}` : `the tarballs of WECHAT_QR_LOGIN_TARBALLS`
    process.stdout.write(`\nConsumer apps from the packed tarballs added ${seconds(CONSUMER_TIMING.setupMs + filesMs)} to this run (${setup}, ${modules.length} files ${seconds(filesMs)})\n`)
  }
}
