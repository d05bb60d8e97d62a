import { existsSync } from 'node:fs'
import { cp, mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { inject } from 'vitest'
import { appEnv, run } from './process'
import { FIXTURES } from './workspace'

/** Options of {@link consumerApp}. */
export interface ConsumerAppOptions {
  /** The app's folder name. An app is installed once per run, then shared by the files that ask for it (with the same dependencies). */
  name: string
  /** Folders of `consumer/fixtures/` copied into the app, in this order. */
  fixtures: string[]
  /** Files written over them, path in the app → content (e.g. the README's). @default {} */
  files?: Record<string, string>
  /** The packed packages to install, by name. @default every public package */
  packages?: string[]
  /** Registry packages and their versions, e.g. `{ vue: '3.5.45' }`. */
  dependencies: Record<string, string>
}

/** A fresh app outside the workspace, with the tarballs and its dependencies installed by npm. */
export interface ConsumerApp {
  dir: string
  /** Runs a binary of the app's `node_modules/.bin` (`vue-tsc`, `vite`, …) in the app, with `env` added to {@link appEnv}'s. */
  exec: (bin: string, args?: string[], env?: Record<string, string>) => Promise<string>
}

/**
 * Makes (once per run) and returns the app `name`: the fixtures copied, the files written, then
 * `npm install` of the tarballs (as `file:` dependencies, so no workspace link and no registry
 * copy of our packages) and the registry dependencies, with npm's cache reused between runs.
 */
export async function consumerApp(options: ConsumerAppOptions): Promise<ConsumerApp> {
  const { name, fixtures, files = {}, dependencies } = options
  const tarballs = inject('tarballs')
  const dir = join(inject('appsDir'), name)
  const installed = join(dir, 'node_modules', '.consumer-installed')
  await mkdir(dir, { recursive: true })
  // Copied every time (cheap), so that files sharing an installed app each bring their own.
  for (const fixture of fixtures)
    await cp(join(FIXTURES, fixture), dir, { recursive: true })
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true })
    await writeFile(join(dir, path), content)
  }
  if (!existsSync(installed)) {
    const packages = options.packages ?? Object.keys(tarballs)
    const manifest = {
      name: `consumer-${name}`,
      private: true,
      type: 'module',
      dependencies: {
        ...dependencies,
        ...Object.fromEntries(packages.map(pkg => [pkg, `file:${tarballs[pkg]}`])),
      },
    }
    await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env: appEnv({ npm_config_update_notifier: 'false' }) })
    await writeFile(installed, '')
  }
  return {
    dir,
    exec: (bin, args = [], env = {}) => run(process.execPath, [join(dir, 'node_modules', '.bin', bin), ...args], { cwd: dir, env: appEnv(env) }),
  }
}
