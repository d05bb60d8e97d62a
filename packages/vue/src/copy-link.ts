/**
 * Copies this page's address, for the user to open it in WeChat. Resolves with whether it
 * could: WeCom and a page over http have no clipboard to write.
 */
export async function copyPageLink(): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(location.href)
    return true
  }
  catch {
    return false
  }
}
