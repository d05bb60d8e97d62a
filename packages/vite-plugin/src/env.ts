import process from 'node:process'

/**
 * The variables the plugin reads (`WECHAT_TUNNEL_URL`, `WECHAT_APPID`, …): Vite's `.env` files
 * of the mode, overridden by the real environment, all prefixes included. None of them has the
 * client prefix, so none reaches the browser. `envDir: false` means the real environment only.
 */
export async function loadPluginEnv(envDir: string | false, mode: string): Promise<Record<string, string>> {
  // Imported here, not at the top, so that webpack users of this package need no Vite.
  const { loadEnv } = await import('vite')
  return envDir === false ? { ...process.env } as Record<string, string> : loadEnv(mode, envDir, '')
}
