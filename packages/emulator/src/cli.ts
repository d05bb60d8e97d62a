import process from 'node:process'
import { runCommand } from './command'

runCommand(process.argv.slice(2), line => process.stdout.write(`${line}\n`)).then(
  (server) => {
    if (!server)
      return
    const stop = (): void => {
      server.close().then(() => process.exit(0), () => process.exit(1))
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  },
)
