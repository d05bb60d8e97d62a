import type { EmulatorQrSession } from '../store'
import { escapeHtml, scriptJson } from '@wechat-qr-login/core/internal'
import { callbackUrlParts } from '../callback-url'
import { createHtmlPage, EMULATOR_MARK } from './html'

const TEXTS = {
  cn: {
    title: '微信登录',
    qrAlt: '二维码',
    scan: '请使用微信扫描二维码登录',
    scanned: ['扫描成功', '请在微信中点击确认即可登录'],
    cancelled: ['您已取消此次登录', '您可再次扫描登录，或关闭窗口'],
    expired: ['二维码已失效', '请刷新页面获取新的二维码'],
    confirmed: ['登录成功', '正在跳转…'],
    phone: '打开手机页',
    phoneBlocked: '此框架不能打开新窗口，请在新标签页中打开：',
  },
  en: {
    title: 'WeChat Login',
    qrAlt: 'QR code',
    scan: 'Scan the QR code with WeChat to log in',
    scanned: ['Scanned', 'Confirm the login in WeChat on your phone'],
    cancelled: ['You cancelled the login', 'Scan again to log in, or close the window'],
    expired: ['QR code expired', 'Refresh the page to get a new QR code'],
    confirmed: ['Confirmed', 'Redirecting…'],
    phone: 'Open the phone page',
    phoneBlocked: 'This frame may not open windows. Open this address in a new tab:',
  },
} as const

const BLOCKED_HINT = 'Still here? The browser blocked this cross-site iframe from navigating the top window. Give the iframe sandbox="allow-scripts allow-same-origin allow-top-navigation", or use self_redirect: true and relay from your callback page.'

const STYLES = `html,body{margin:0;padding:0}
body{font-family:"Microsoft Yahei",-apple-system,"PingFang SC","Helvetica Neue",Arial,sans-serif;font-size:14px;color:#373737;background:transparent}
.impowerBox{display:inline-block;vertical-align:middle;line-height:1.6;position:relative;width:100%;z-index:1;text-align:center}
.impowerBox .title{text-align:center;font-size:18px}
.impowerBox .qrcode{width:280px;height:280px;margin-top:10px;border:1px solid #e2e2e2;box-sizing:border-box}
.impowerBox .info{width:280px;margin:0 auto}
.impowerBox .status{padding:7px 14px;text-align:left}
.impowerBox .status p{margin:0;font-size:13px}
.impowerBox .status_browser{text-align:center}
.impowerBox .status_icon{float:left;width:38px;height:38px;margin-right:10px;border-radius:50%;color:#fff;font:bold 24px/38px Arial,sans-serif;font-style:normal;text-align:center}
.impowerBox .status_icon.succ{background:#07c160}
.impowerBox .status_icon.succ::before{content:"\\2713"}
.impowerBox .status_icon.warn{background:#fa9d3b}
.impowerBox .status_icon.warn::before{content:"!"}
.impowerBox .status_txt h4{margin:0;font-size:15px;font-weight:400}
.style_white{color:#fff}
.page_full{background:#333;color:#fff}
.page_full .impowerBox{margin-top:60px}
.page_full .impowerBox .title{font-size:20px}
.page_full .impowerBox .status.normal{margin-top:15px;background:#232323;border-radius:100px}
.stylelite .impowerBox .title{font-size:16px}
.stylelite .impowerBox .qrcode{width:220px;height:220px;border:0}
.stylelite .impowerBox .info{width:220px}
.emulator_badge{padding:1px 4px;background:#fffbe6;border-top:1px dashed #e0a100;color:#6b5200;font:11px/16px Arial,sans-serif;text-align:center}
.emulator_badge a{color:#06ad56}
.emulator_phone_blocked{display:none;position:fixed;left:4px;right:4px;bottom:22px;z-index:3;padding:6px;background:#fff;border:1px solid #e0a100;color:#353535;font:12px/1.4 Arial,sans-serif;text-align:left}
.emulator_phone_blocked input{box-sizing:border-box;width:100%;margin-top:4px;font:11px monospace}
.emulator_blocked{display:none;position:fixed;left:4px;right:4px;bottom:22px;z-index:2;padding:6px;background:#fff;border:1px solid #fa5151;color:#353535;font:12px/1.4 Arial,sans-serif;text-align:left}`

/** What the QR page shows besides the session. */
export interface QrPageOptions {
  session: EmulatorQrSession
  /** The app's display name. */
  appName: string
}

function status(id: string, kind: 'succ' | 'fail', [headline, detail]: readonly [string, string]): string {
  return `<div class="status status_${kind} js_status normal" id="${id}" style="display:none">
<i class="status_icon icon38_msg ${kind === 'succ' ? 'succ' : 'warn'}"></i>
<div class="status_txt"><h4>${escapeHtml(headline)}</h4><p>${escapeHtml(detail)}</p></div>
</div>`
}

/**
 * The QR page of `/connect/qrconnect`, with WeChat's markup (`impowerBox`, `qrcode`, `title`,
 * `info`, `status`, `status_icon`) so that the CSS users write for WeChat applies unchanged. Its
 * script long-polls the status like WeChat's page and, on confirmation, navigates the top window
 * (or itself, with `self_redirect=true` or as a full page) to `redirect_uri?code=…&state=…`.
 */
export function renderQrPage(options: QrPageOptions): Response {
  const { session, appName } = options
  const page = createHtmlPage()
  const texts = TEXTS[session.lang]
  const { prefix, suffix } = callbackUrlParts(session.redirectUri, session.state)
  const phonePath = `/connect/confirm?uuid=${encodeURIComponent(session.uuid)}`
  const bodyClasses = [
    session.embedded ? 'page_jssdk' : 'page_full',
    session.style === 'white' ? 'style_white' : 'style_black',
    session.stylelite ? 'stylelite' : '',
  ].filter(Boolean).join(' ')
  const config = {
    uuid: session.uuid,
    prefix,
    suffix,
    target: session.embedded && !session.selfRedirect ? 'top' : 'self',
  }
  const html = `<!DOCTYPE html>
<html lang="${session.lang === 'en' ? 'en' : 'zh-CN'}">
${page.head({ title: texts.title, styles: STYLES, ...(session.href === undefined ? {} : { extra: `\n<link rel="stylesheet" href="${escapeHtml(session.href)}">` }) })}
<body class="${bodyClasses}">
<div class="main impowerBox">
<div class="loginPanel normalPanel">
<div class="title">${escapeHtml(texts.title)}</div>
<div class="waiting panelContent">
<div class="wrp_code"><img class="qrcode lightBorder" src="/connect/qrcode/${encodeURIComponent(session.uuid)}" alt="${escapeHtml(texts.qrAlt)}"></div>
<div class="info">
<div class="status status_browser js_status normal" id="wx_default_tip">
<p>${escapeHtml(texts.scan)}</p>
<p>“${escapeHtml(appName)}”</p>
</div>
${status('wx_after_scan', 'succ', texts.scanned)}
${status('wx_after_cancel', 'fail', texts.cancelled)}
${status('wx_expired', 'fail', texts.expired)}
${status('wx_confirmed', 'succ', texts.confirmed)}
</div>
</div>
</div>
</div>
<div class="emulator_blocked" id="emulator_blocked" role="alert">${escapeHtml(BLOCKED_HINT)}</div>
<div class="emulator_phone_blocked" id="emulator_phone_blocked" role="alert">${escapeHtml(texts.phoneBlocked)}<input readonly aria-label="${escapeHtml(texts.phone)}"></div>
<div class="emulator_badge" role="note">${escapeHtml(EMULATOR_MARK)} · <a id="emulator_phone" href="${escapeHtml(phonePath)}" target="_blank" rel="noopener">${escapeHtml(texts.phone)}</a></div>
<script nonce="${page.nonce}">
(function () {
  var config = ${scriptJson(config)}
  var statuses = document.querySelectorAll('.js_status')
  var left = false
  // An iframe sandbox without allow-popups (as <WechatQrLogin>'s) silently drops the link's new
  // window: show the address to open instead.
  var phoneLink = document.getElementById('emulator_phone')
  phoneLink.addEventListener('click', function (event) {
    event.preventDefault()
    var opened = window.open(phoneLink.href, '_blank')
    if (opened) {
      opened.opener = null
      return
    }
    var hint = document.getElementById('emulator_phone_blocked')
    var field = hint.querySelector('input')
    field.value = phoneLink.href
    hint.style.display = 'block'
    field.select()
  })
  function show(id) {
    for (var i = 0; i < statuses.length; i++)
      statuses[i].style.display = statuses[i].id === id ? '' : 'none'
  }
  function wait(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms) })
  }
  function navigate(code) {
    var url = config.prefix + encodeURIComponent(code) + config.suffix
    show('wx_confirmed')
    addEventListener('pagehide', function () { left = true })
    setTimeout(function () {
      if (!left && config.target === 'top')
        document.getElementById('emulator_blocked').style.display = 'block'
    }, 3000)
    if (config.target === 'top')
      window.top.location.href = url
    else
      window.location.href = url
  }
  async function poll() {
    var last = 0
    for (;;) {
      var match = null
      try {
        var response = await fetch('/connect/l/qrconnect?uuid=' + encodeURIComponent(config.uuid) + (last ? '&last=' + last : '') + '&_=' + Date.now(), { cache: 'no-store' })
        match = /window\\.wx_errcode=(\\d+);window\\.wx_code='([^']*)'/.exec(await response.text())
      }
      catch (error) {}
      if (!match) {
        await wait(2000)
        continue
      }
      last = Number(match[1])
      if (last === 405)
        return navigate(match[2])
      if (last === 404)
        show('wx_after_scan')
      else if (last === 403)
        show('wx_after_cancel')
      else if (last === 402)
        return show('wx_expired')
    }
  }
  poll()
})()
</script>
</body>
</html>`
  return page.respond(html)
}
