import { listen } from './listen'

/** A stand-in for the app under test: serves one page at `/` and echoes its callback at `/cb`. */
export interface AppServer {
  /** `http://localhost:{port}`: a different site from the emulator on 127.0.0.1, as in real use. */
  origin: string
  setPage: (html: string) => void
  close: () => Promise<void>
}

/** Starts the app stand-in on loopback. */
export async function startAppServer(): Promise<AppServer> {
  let page = '<!DOCTYPE html><title>app</title>'
  const { url, close } = await listen((req, res) => {
    const body = req.url?.startsWith('/cb')
      ? '<!DOCTYPE html><title>callback</title><h1 id="callback">callback</h1>'
      : page
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body)
  }, 'localhost')
  return {
    origin: url,
    setPage: (html) => {
      page = html
    },
    close,
  }
}
