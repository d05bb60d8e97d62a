import type { EmulatorApp, EmulatorUser } from '../options'
import type { EmulatorQrSession } from '../store'
import type { HtmlPage } from './html'
import { escapeHtml } from '@wechat-qr-login/core/internal'
import { avatarUrl } from './avatar'
import { createHtmlPage, EMULATOR_MARK } from './html'

/** The radio value that asks for a new user instead of an existing one. */
export const NEW_USER = '__new__'

const STYLES = `*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,"PingFang SC","Helvetica Neue","Microsoft YaHei",Arial,sans-serif;color:#191919;background:#ededed;font-size:16px;line-height:1.5}
.emulator_badge{padding:6px 12px;background:#fffbe6;border-bottom:1px dashed #e0a100;color:#6b5200;font-size:13px;text-align:center}
main{max-width:480px;margin:0 auto;padding:16px}
h1{margin:16px 0 4px;font-size:20px;text-align:center}
.lead{margin:0 0 16px;color:#7f7f7f;font-size:14px;text-align:center}
fieldset{margin:0 0 16px;padding:0;border:0;background:#fff;border-radius:8px;overflow:hidden}
legend{float:left;width:100%;padding:12px 16px 4px;color:#7f7f7f;font-size:13px}
.user,.new_user{clear:both}
.user{display:flex;align-items:center;gap:12px;padding:10px 16px;border-top:1px solid #f0f0f0;cursor:pointer}
.user img,.user .no_avatar{width:40px;height:40px;border-radius:4px;flex:none}
.user .no_avatar{display:inline-block;background:#d8d8d8}
.user small{display:block;color:#7f7f7f;font-size:12px}
.new_user{padding:4px 16px 12px}
.new_user label{display:block;margin-top:8px;font-size:14px}
.new_user input[type=text],.new_user input[type=url],.new_user select{width:100%;padding:8px;border:1px solid #d8d8d8;border-radius:4px;font-size:16px}
.actions{display:flex;flex-direction:column;gap:12px}
button{padding:12px;border:0;border-radius:8px;font-size:17px;font-weight:500}
.allow{background:#07c160;color:#fff}
.deny{background:#fff;color:#fa5151}
.message{margin-top:48px;text-align:center}
.message p{color:#7f7f7f}
.error{padding:8px 12px;margin-bottom:12px;border-radius:6px;background:#fff0f0;color:#c92a2a;font-size:14px}`

function layout(page: HtmlPage, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
${page.head({ title, styles: STYLES })}
<body>
<div class="emulator_badge" role="note">${escapeHtml(EMULATOR_MARK)} · fake users only</div>
<main>
${body}
</main>
</body>
</html>`
}

/** What the phone page needs to offer a confirmation. */
export interface PhonePageOptions {
  session: EmulatorQrSession
  app: EmulatorApp
  users: readonly EmulatorUser[]
  /** Binds the form to this QR. */
  phoneToken: string
  /** The user selected (after an error), else the first. */
  selected?: string
  error?: string
}

function userRow(user: EmulatorUser, checked: boolean, hasUnionid: boolean): string {
  // Relative to /connect/confirm, so that the page also works behind a proxy's path prefix.
  const avatar = avatarUrl(user, '..')
  const picture = avatar === '' ? '<span class="no_avatar" title="no avatar"></span>' : `<img src="${escapeHtml(avatar)}" alt="">`
  const notes = [
    `id ${user.id}`,
    hasUnionid && user.unionid !== false ? 'unionid' : 'no unionid',
    avatar === '' ? 'no avatar' : '',
  ].filter(Boolean).join(' · ')
  return `<label class="user"><input type="radio" name="user" value="${escapeHtml(user.id)}"${checked ? ' checked' : ''}>${picture}<span>${escapeHtml(user.nickname)}<small>${escapeHtml(notes)}</small></span></label>`
}

/**
 * The page behind the QR (`/connect/confirm?uuid=…`), the emulator's stand-in for the WeChat
 * app: pick a fake user or create one, then allow or deny. Plain HTML forms, so it works on any
 * phone that reaches the emulator.
 */
export function renderPhonePage(options: PhonePageOptions): Response {
  const { session, app, users, phoneToken, selected, error } = options
  const page = createHtmlPage()
  const name = app.name ?? app.appid
  const hasUnionid = app.openPlatformId !== undefined
  const chosen = selected ?? users[0]?.id ?? NEW_USER
  const rows = users.map(user => userRow(user, user.id === chosen, hasUnionid)).join('\n')
  const body = `<h1>${escapeHtml(name)}</h1>
<p class="lead">申请使用你的微信身份登录 · wants to log you in with WeChat</p>
${error ? `<div class="error" role="alert">${escapeHtml(error)}</div>` : ''}
<form method="post" action="confirm?uuid=${encodeURIComponent(session.uuid)}">
<input type="hidden" name="token" value="${escapeHtml(phoneToken)}">
<fieldset>
<legend>选择用户 · Log in as</legend>
${rows}
<label class="user"><input type="radio" name="user" value="${NEW_USER}"${chosen === NEW_USER ? ' checked' : ''}><span>新用户 · New user<small>fill in below</small></span></label>
<div class="new_user">
<label>昵称 · Nickname<input type="text" name="nickname" maxlength="64" autocomplete="off"></label>
<label>头像 · Avatar<select name="avatar"><option value="generated">生成 · Generated</option><option value="none">无 · None</option><option value="url">URL ↓</option></select></label>
<label>头像 URL · Avatar URL<input type="url" name="avatarUrl" placeholder="https://…"></label>
<label><input type="checkbox" name="unionid" value="1" checked> unionid${hasUnionid ? '' : ' (this app has no Open Platform account: never sent)'}</label>
</div>
</fieldset>
<div class="actions">
<button class="allow" type="submit" name="action" value="confirm">允许 · Allow</button>
<button class="deny" type="submit" name="action" value="cancel">拒绝 · Deny</button>
</div>
</form>`
  return page.respond(layout(page, `${name} · 微信登录`, body), error ? 400 : 200)
}

/** The messages the phone page ends with. */
export type PhoneMessage = 'confirmed' | 'cancelled' | 'expired' | 'used' | 'stale'

const MESSAGES: Readonly<Record<PhoneMessage, readonly [string, string, number]>> = Object.freeze({
  confirmed: ['已允许登录 · Login allowed', '请回到电脑上继续 · Continue on your computer.', 200],
  cancelled: ['已拒绝登录 · Login denied', '电脑上的页面不会跳转 · The computer stays where it is; scan again to log in.', 200],
  expired: ['二维码已失效 · QR code expired', '请在电脑上刷新二维码 · Refresh the QR code on your computer and scan again.', 410],
  used: ['已登录 · Already confirmed', '这个二维码已经用过了 · This QR code was used already; refresh it on your computer.', 409],
  stale: ['页面已过期 · Stale page', '请重新扫描二维码 · Scan the QR code again.', 403],
})

/** A one-line outcome page for the phone. */
export function renderPhoneMessage(message: PhoneMessage): Response {
  const page = createHtmlPage()
  const [title, detail, status] = MESSAGES[message]
  return page.respond(layout(page, title, `<div class="message" data-result="${message}"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p></div>`), status)
}
