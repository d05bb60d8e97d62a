import antfu from '@antfu/eslint-config'

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
})
