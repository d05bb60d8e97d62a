const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' }

/** Escapes text for HTML element content and for attribute values in either quote. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, char => HTML_ESCAPES[char]!)
}

/**
 * Escapes text for HTML element content only, never an attribute value: quotes stay as they
 * are, so the page's source carries the text as written (as WeChat's own pages do, which
 * black-box checks compare).
 */
export function escapeText(value: string): string {
  return value.replace(/[&<>]/g, char => HTML_ESCAPES[char]!)
}

const SCRIPT_ESCAPES: Readonly<Record<string, string>> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' }

/**
 * Serialises a value as a JavaScript literal that is safe inside an inline `<script>`: no `</script>`
 * or `<!--` can end or bend the element, and no line separator breaks an older parser. Still JSON.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, char => SCRIPT_ESCAPES[char]!)
}
