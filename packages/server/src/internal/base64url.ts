/** URL-safe base64 without padding: valid in cookie names, URLs and CSP nonces. */
export function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** A short, stable, non-reversible name part derived from `value` (SHA-256, 132 bits). */
export async function digest(value: string): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value))
  return base64url(new Uint8Array(hash)).slice(0, 22)
}
