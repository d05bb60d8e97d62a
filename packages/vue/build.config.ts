import { defineBuildConfig } from 'unbuild'
import { DEV_FLAG } from '../../scripts/dev-flag.ts'

export default defineBuildConfig({
  entries: ['src/index', 'src/router'],
  declaration: 'node16',
  clean: true,
  failOnWarn: true,
  replace: DEV_FLAG,
  rollup: { output: { preserveModules: true, preserveModulesRoot: 'src' } },
})
