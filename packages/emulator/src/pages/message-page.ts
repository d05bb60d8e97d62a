import { escapeHtml, escapeText } from '@wechat-qr-login/core/internal'
import { createHtmlPage, EMULATOR_MARK } from './html'

/** A one-message page in WeChat's weui markup. */
export interface MessagePageOptions {
  /** The document's `<title>`. */
  title: string
  /** The message, in `.weui_msg_title`. */
  headline: string
  /** `warn` for a refusal, `info` for a notice. */
  icon: 'warn' | 'info'
  /** What the emulator adds below WeChat's text (WeChat says no more): what went wrong, how to fix it. */
  hint: string
  lang?: 'zh-CN' | 'en'
  /** Trusted HTML after the hint, such as an emulator form. */
  extra?: string
  /** @default 200, as WeChat's pages */
  status?: number
}

const STYLES = `body{margin:0;font-family:-apple-system,"Helvetica Neue","PingFang SC","Microsoft YaHei",sans-serif;color:#353535;background:#fff;text-align:center}
.weui_msg{padding:48px 16px 24px}
.weui_icon_msg{display:inline-block;width:64px;height:64px;line-height:64px;border-radius:50%;color:#fff;font-size:40px;font-style:normal;font-weight:bold}
.weui_icon_warn{background:#fa5151}
.weui_icon_warn::before{content:"!"}
.weui_icon_info{background:#10aeff}
.weui_icon_info::before{content:"i"}
.weui_msg_title{font-size:20px;font-weight:500;margin:24px 0 8px}
.emulator_hint{margin:24px auto 0;max-width:480px;padding:10px 12px;border:1px dashed #e0a100;border-radius:6px;background:#fffbe6;color:#6b5200;font-size:13px;line-height:1.5;text-align:left;word-break:break-word}
.emulator_hint strong{display:block;margin-bottom:4px}
.emulator_hint form{margin-top:8px}
.emulator_hint select,.emulator_hint button{font-size:14px;padding:4px 8px}`

/**
 * A WeChat message page (the weui markup of WeChat's own: `weui_msg`, `weui_icon_msg`,
 * `weui_msg_title`), then the emulator's note saying exactly what was wrong.
 */
export function renderMessagePage(options: MessagePageOptions): Response {
  const { title, headline, icon, hint, lang = 'zh-CN', extra = '', status = 200 } = options
  const page = createHtmlPage()
  const html = `<!DOCTYPE html>
<html lang="${lang}">
${page.head({ title, styles: STYLES, zoom: false })}
<body>
<div class="weui_msg">
<div class="weui_icon_area"><i class="weui_icon_${icon} weui_icon_msg"></i></div>
<div class="weui_text_area"><h4 class="weui_msg_title">${escapeText(headline)}</h4></div>
<div class="emulator_hint" role="note"><strong>${escapeHtml(EMULATOR_MARK)}</strong>${escapeHtml(hint)}${extra}</div>
</div>
</body>
</html>`
  return page.respond(html, status)
}
