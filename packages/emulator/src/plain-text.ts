/** A `text/plain` answer of the emulator's own (not WeChat's): a note for whoever reads it. */
export function plainText(text: string, status = 200): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } })
}
