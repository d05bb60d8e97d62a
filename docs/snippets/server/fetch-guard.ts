import { auth } from './auth'

/** A whole app as one fetch handler (Bun, Deno, workers, srvx): the login routes, then your own. */
export async function app(request: Request): Promise<Response> {
  const login = await auth(request)
  if (login)
    return login
  // #region guard
  if (new URL(request.url).pathname === '/api/me') {
    // The session, or the answer to send instead: 401 JSON without one.
    const session = await auth.requireSession(request)
    if (session instanceof Response)
      return session
    return Response.json({ id: session.user.id, nickname: session.user.nickname })
  }
  // #endregion guard
  return new Response('Not found', { status: 404 })
}
