import antfu, { GLOB_TESTS } from '@antfu/eslint-config'

const CAPITALS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ']
/**
 * Test titles that start with an acronym or a constant (`GET /state`, `HTTP 5xx`,
 * `WECHAT_ERRCODES`: any two capitals), with WeChat, or with one of our PascalCase names
 * (`WechatQrLogin`) keep their case: lower-casing their first letter would mangle them.
 */
const TITLE_PREFIXES_KEPT = [...CAPITALS.flatMap(first => CAPITALS.map(second => first + second)), 'WeChat', 'Wechat']

export default antfu({
  type: 'lib',
  vue: true,
  pnpm: true,
}, {
  files: ['packages/*/src/**/*.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      // @antfu/eslint-config's own entries, kept.
      'TSEnumDeclaration[const=true]',
      'TSExportAssignment',
      {
        // `__DEV__` throws where nothing replaced it and there is no `process`: only the arrow
        // that core's `devOnly()` runs (directly or through `warn()`, `invalidOption()`) catches that.
        selector: 'Identifier[name="__DEV__"]:not(CallExpression[callee.name=/^(?:devOnly|warn|invalidOption)$/] > ArrowFunctionExpression *)',
        message: 'Write development-only text as devOnly(() => __DEV__ && \'…\') (or in the arrow given to warn() or invalidOption()).',
      },
    ],
  },
}, {
  files: GLOB_TESTS,
  rules: {
    'test/prefer-lowercase-title': ['error', { allowedPrefixes: TITLE_PREFIXES_KEPT }],
  },
})
