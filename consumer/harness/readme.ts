import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './workspace'

/**
 * The files of the README's "Add it to your app", as a reader pastes them: each code block after
 * an `<!-- add-to-app:<path> -->` marker, keyed by that path in the app. Read at test time, so the
 * consumer apps follow the README.
 */
export function readmeAppFiles(readme = readFileSync(join(ROOT, 'README.md'), 'utf8')): Record<string, string> {
  const files: Record<string, string> = {}
  for (const [, path, code] of readme.matchAll(/<!-- add-to-app:(\S+) -->\s*\n```\w*\n([\s\S]*?)\n```/g))
    files[path!] = `${code}\n`
  if (!files['vite.config.ts'] || !files['src/main.ts'])
    throw new Error('README.md: "Add it to your app" must mark its code blocks with <!-- add-to-app:<path> -->, at least vite.config.ts and src/main.ts.')
  return files
}
