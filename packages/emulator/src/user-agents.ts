/**
 * User-Agent strings of the places a login link is opened, shaped like those captured from the
 * real clients (wechat-oa-spec §2.2, §7). For tests: the emulator's user-agent gate, and any
 * detection of "where is the user" in an app.
 */
export const WECHAT_USER_AGENTS = Object.freeze({
  /** WeChat's in-app browser on an iPhone. */
  wechatIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800323d) NetType/WIFI Language/zh_CN',
  /** WeChat's in-app browser (XWEB) on Android. */
  wechatAndroid: 'Mozilla/5.0 (Linux; Android 14; 23127PN0CC Build/UKQ1.230804.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/122.0.6261.120 Mobile Safari/537.36 XWEB/1220133 MMWEBSDK/20240404 MMWEBID/2307 MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
  /** WeChat for Windows' built-in browser. */
  wechatWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 NetType/WIFI MicroMessenger/7.0.20.1781(0x6700143B) WindowsWechat(0x63090c37) XWEB/14315 Flue',
  /** WeChat for Mac (older): its user agent also says `WindowsWechat`. */
  wechatMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) MicroMessenger/6.8.0(0x16080000) MacWechat/3.3(0x13030013) NetType/WIFI WindowsWechat',
  /** WeChat for Mac (newer, the unified desktop client). */
  wechatMacUnified: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) MicroMessenger/7.0.20.1781(0x6700143B) MacWechat/3.8.7(0x13080712) UnifiedPCMacWechat(0xf2641c1d) XWEB/13639 Flue',
  /** A mini-program `web-view` on Android (`miniProgram` in the user agent since WeChat 7.0.0; iOS may lack it). */
  miniProgramAndroid: 'Mozilla/5.0 (Linux; Android 14; 23127PN0CC Build/UKQ1.230804.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/122.0.6261.120 Mobile Safari/537.36 XWEB/1220133 MMWEBSDK/20240404 MMWEBID/2307 MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64 miniProgram/wx0123456789abcdef',
  /** The mini-program runtime of WeChat for Windows. */
  miniProgramWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 NetType/WIFI MicroMessenger/7.0.20.1781(0x6700143B) WindowsWechat(0x63090c37) XWEB/14315 Flue MiniProgramEnv/Windows WindowsWechat/WMPF',
  /** WeCom (企业微信) on an iPhone: `wxwork` and also `MicroMessenger`, yet not WeChat. */
  wecomIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.30 MicroMessenger/7.0.1 Language/zh ColorScheme/Light',
  /** WeCom for Windows. */
  wecomWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/112.0.5615.138 Safari/537.36 wxwork/4.1.10 (MicroMessenger/6.2) WindowsWechat MailPlugin_Electron WeMail embeddisk',
  /** WeChat DevTools (微信开发者工具) simulating a phone. */
  wechatDevtools: 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wechatdevtools/1.06.2405020 MicroMessenger/8.0.5 Language/zh_CN webview/',
  /** Chrome on Windows: a desktop browser. */
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  /** Safari on a Mac: a desktop browser. */
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  /** Safari on an iPhone: a phone browser outside WeChat. */
  safariIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  /** Chrome on Android: a phone browser outside WeChat. */
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36',
} as const)

/** The name of a user agent in {@link WECHAT_USER_AGENTS}. */
export type WechatUserAgentName = keyof typeof WECHAT_USER_AGENTS

/**
 * Whether WeChat's authorization pages treat a request as opened in WeChat: its User-Agent says
 * `MicroMessenger` and is not WeCom's (`wxwork`), which also says it.
 */
export function isInWechat(userAgent: string | null): boolean {
  const ua = (userAgent ?? '').toLowerCase()
  return ua.includes('micromessenger') && !ua.includes('wxwork')
}
