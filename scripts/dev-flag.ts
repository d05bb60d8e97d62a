import type { Plugin } from 'vite'

/**
 * What `__DEV__` stands for in the published files, as in Vue's and Pinia's: the check that every
 * bundler replaces, so a production bundle folds it to `false` and drops the text behind it, while
 * Node reads the variable at run time. It throws where nothing replaced it and there is no
 * `process` (a browser loading the files without a bundler), which is why `__DEV__` is only
 * written inside an arrow given to core's `devOnly()` (lint enforces it): there it yields no
 * development text instead of an error.
 */
export const DEV_FLAG = { __DEV__: '(process.env.NODE_ENV !== \'production\')' } as const

const DEV_FLAG_PATTERN = /\b__DEV__\b/g

/**
 * Replaces `__DEV__` in the packages' sources as their build does (`replace: DEV_FLAG` in each
 * `build.config.ts`), for everything that runs the sources: the tests, the playground, the bench.
 * Vite's `define` would not do: in a browser environment it sets a global once, so a test could
 * not switch `NODE_ENV` to production.
 */
export function devFlag(): Plugin {
  return {
    name: 'wechat-qr-login:dev-flag',
    enforce: 'pre',
    transform: {
      filter: { id: /\/packages\/[\w-]+\/src\//, code: '__DEV__' },
      handler(code) {
        // `map: null` keeps the source map: no line moves, so coverage and stack traces stay right.
        return { code: code.replace(DEV_FLAG_PATTERN, DEV_FLAG.__DEV__), map: null }
      },
    },
  }
}
