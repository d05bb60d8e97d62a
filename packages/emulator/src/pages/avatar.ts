import type { EmulatorUser } from '../options'
import { escapeHtml } from '@wechat-qr-login/core/internal'
import { hueOf } from '../ids'

/** Where the emulator serves generated avatars; nothing is fetched from the internet. */
export const AVATAR_PATH = '/__emulator/avatar/'

/**
 * The `headimgurl` of a user: their own URL, `''` without avatar, or a generated one under
 * `base`. Like WeChat's, the last path segment is the size (132 px).
 */
export function avatarUrl(user: EmulatorUser, base: string): string {
  return user.avatar ?? `${base}${AVATAR_PATH}${encodeURIComponent(user.id)}/132`
}

/** A generated avatar: the nickname's first character on a colour derived from the user id. */
export function renderAvatar(id: string, user: EmulatorUser | undefined): Response {
  const initial = Array.from(user?.nickname ?? '?')[0] ?? '?'
  const hue = hueOf(id)
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="132" height="132" viewBox="0 0 132 132">
<rect width="132" height="132" fill="hsl(${hue},55%,52%)"/>
<text x="66" y="66" dy=".35em" fill="#fff" font-family="-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif" font-size="64" text-anchor="middle">${escapeHtml(initial)}</text>
</svg>`
  return new Response(svg, {
    headers: {
      'content-type': 'image/svg+xml; charset=utf-8',
      'content-security-policy': 'default-src \'none\'; style-src \'unsafe-inline\'',
      'cache-control': 'public, max-age=300',
      'x-content-type-options': 'nosniff',
    },
  })
}
