import type { EmulatorAuthorization } from '../authorizations'
import type { ResolvedOfficialAccount } from '../official-account'
import type { EmulatorUser } from '../options'
import { escapeHtml } from '@wechat-qr-login/core/internal'
import { avatarUrl } from './avatar'
import { createHtmlPage, EMULATOR_MARK } from './html'
import { renderMessagePage } from './message-page'

/** The refusals of `/connect/oauth2/authorize`: WeChat's error codes, and its code-less 「该链接无法访问」. */
export type AuthorizeError = 10003 | 10004 | 10005 | 10006 | 10009 | 10010 | 10011 | 10012 | 10016 | 'unreachable'

/** WeChat's texts (wechat-oa-spec §3); the English ones follow the one captured for 10012. */
const ERROR_TEXTS: Readonly<Record<AuthorizeError, readonly [cn: string, en: string]>> = Object.freeze({
  10003: ['redirect_uri域名与后台配置不一致', 'The domain of "redirect_uri" does not match the configured one'],
  10004: ['此公众号被封禁', 'This Official Account has been banned'],
  10005: ['此公众号并没有这些scope的权限', 'This Official Account has no permission for this scope'],
  10006: ['必须关注此测试号', 'You must follow this test account'],
  10009: ['操作太频繁了，请稍后重试', 'Too many operations. Try again later'],
  10010: ['scope不能为空', '"scope" cannot be left blank'],
  10011: ['redirect_uri不能为空', '"redirect_uri" cannot be left blank'],
  10012: ['appid不能为空', '"appid" cannot be left blank'],
  10016: ['不支持微信开放平台的Appid，请使用公众号Appid', 'Open Platform AppIDs are not supported. Use an Official Account AppID'],
  unreachable: ['该链接无法访问', 'This link cannot be opened'],
})

const TITLE = '抱歉，出错了'

/**
 * WeChat's error page of an authorization link: `<text>，错误码：<code>` (`lang=en`:
 * `<text>. Error code: <code>`), then the emulator's note. The `x-wechat-emulator-error` header
 * carries the code for tests.
 */
export function renderAuthorizeError(error: AuthorizeError, lang: 'cn' | 'en', hint: string, extra?: string): Response {
  const [cn, en] = ERROR_TEXTS[error]
  const headline = typeof error === 'string'
    ? (lang === 'en' ? en : cn)
    : (lang === 'en' ? `${en}. Error code: ${error}` : `${cn}，错误码：${error}`)
  const response = renderMessagePage({ title: TITLE, headline, icon: 'warn', hint, lang: lang === 'en' ? 'en' : 'zh-CN', ...(extra === undefined ? {} : { extra }) })
  response.headers.set('x-wechat-emulator-error', String(error))
  return response
}

/** 「请在微信客户端打开链接」: an authorization link opened outside WeChat (or in WeCom). */
export function renderOutsideWechat(userAgent: string | null): Response {
  const seen = userAgent ? `This request's User-Agent ("${userAgent.slice(0, 200)}")` : 'This request has no User-Agent and'
  const response = renderMessagePage({
    title: TITLE,
    headline: '请在微信客户端打开链接',
    icon: 'info',
    hint: `${seen} is not WeChat's: web authorization works only in WeChat's own browser, whose User-Agent says "MicroMessenger" (WeCom's, which says "wxwork" too, does not count). Open the link in WeChat, or use one of WECHAT_USER_AGENTS (e.g. Chromium's device emulation with a WeChat user agent).`,
  })
  response.headers.set('x-wechat-emulator-error', 'outside-wechat')
  return response
}

const CONSENT_STYLES = `*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,"PingFang SC","Helvetica Neue","Microsoft YaHei",Arial,sans-serif;color:#191919;background:#ededed;font-size:16px;line-height:1.5}
.emulator_badge{padding:6px 12px;background:#fffbe6;border-bottom:1px dashed #e0a100;color:#6b5200;font-size:13px;text-align:center}
.consent{max-width:480px;margin:24px auto;padding:24px 20px;background:#fff;border-radius:12px}
.consent h1{margin:0 0 4px;font-size:18px}
.consent .lead{margin:0 0 16px;color:#7f7f7f;font-size:14px}
.consent ul{margin:0 0 16px;padding-left:20px;font-size:15px}
.consent label{display:block;margin-bottom:16px;color:#7f7f7f;font-size:13px}
.consent select{width:100%;margin-top:4px;padding:8px;font-size:16px}
.profile{display:flex;align-items:center;gap:12px;margin-bottom:16px}
.profile img{width:40px;height:40px;border-radius:4px}
.actions{display:flex;gap:12px}
.actions button{flex:1;padding:12px;border:0;border-radius:8px;font-size:17px;font-weight:500}
.deny{background:#f2f2f2;color:#191919}
.allow{background:#07c160;color:#fff}`

/** What the consent page shows. */
export interface ConsentPageOptions {
  account: ResolvedOfficialAccount
  authorization: EmulatorAuthorization
  users: readonly EmulatorUser[]
  /** Binds the form to the authorization. */
  formToken: string
}

/**
 * The consent page of `snsapi_userinfo` (WeChat shows it as a sheet over the page): 允许 posts
 * the form and goes to `redirect_uri` with a code; 拒绝 records the refusal and goes back to
 * the page that started the flow, as WeChat leaves the user there (no redirect). Without
 * JavaScript, 拒绝 answers a page that says so. The user picker is the emulator's: whose WeChat
 * this is.
 */
export function renderConsentPage(options: ConsentPageOptions): Response {
  const { account, authorization, users, formToken } = options
  // 允许 redirects to redirect_uri, which the checks have accepted.
  const page = createHtmlPage([new URL(authorization.redirectUri).origin])
  const current = users.find(user => user.id === authorization.userId)
  const avatar = current ? avatarUrl(current, '../..') : ''
  const choices = users.map(user => `<option value="${escapeHtml(user.id)}"${user.id === authorization.userId ? ' selected' : ''}>${escapeHtml(user.nickname)} (${escapeHtml(user.id)})</option>`).join('')
  const html = `<!DOCTYPE html>
<html lang="zh-CN">
${page.head({ title: '微信授权', styles: CONSENT_STYLES, zoom: false })}
<body>
<div class="emulator_badge" role="note">${escapeHtml(EMULATOR_MARK)} · fake users only</div>
<form class="consent" method="post" action="consent">
<h1>${escapeHtml(account.name)}</h1>
<p class="lead">申请获得以下权限 · asks for</p>
<ul><li>获得你的公开信息（昵称、头像等）· your public profile (nickname, avatar)</li></ul>
${current ? `<div class="profile">${avatar === '' ? '' : `<img src="${escapeHtml(avatar)}" alt="">`}<span>${escapeHtml(current.nickname)}</span></div>` : ''}
<label>微信账号 · WeChat account (emulator)<select name="user">${choices}</select></label>
<input type="hidden" name="id" value="${escapeHtml(authorization.id)}">
<input type="hidden" name="token" value="${escapeHtml(formToken)}">
<div class="actions">
<button class="deny" type="submit" name="action" value="deny">拒绝</button>
<button class="allow" type="submit" name="action" value="allow">允许</button>
</div>
</form>
<script nonce="${page.nonce}">
(function () {
  var form = document.querySelector('form')
  form.addEventListener('submit', function (event) {
    if (!event.submitter || event.submitter.value !== 'deny')
      return
    event.preventDefault()
    var body = new URLSearchParams(new FormData(form))
    body.set('action', 'deny')
    // getAttribute: form.action is the button named "action".
    fetch(form.getAttribute('action'), { method: 'POST', body: body }).finally(function () { history.back() })
  })
})()
</script>
</body>
</html>`
  return page.respond(html)
}

/** What 拒绝 answers without JavaScript: no redirect, a note that the user stays. */
export function renderDenied(): Response {
  return renderMessagePage({
    title: '微信授权',
    headline: '你已拒绝授权',
    icon: 'info',
    hint: 'WeChat does not redirect after 拒绝 (deny): the user stays on the page that started the flow, which the consent page goes back to.',
  })
}
