import type { DefaultTheme } from 'vitepress'
import { defineConfig } from 'vitepress'
import { withMermaid } from 'vitepress-plugin-mermaid'

/** Sidebar and nav list only pages that exist: dead links fail the build. */
function sidebarEn(): DefaultTheme.SidebarItem[] {
  return [
    {
      text: 'Introduction',
      items: [
        { text: 'Why wechat-qr-login', link: '/guide/why' },
        { text: 'Quick start', link: '/guide/quick-start' },
        { text: 'How the flow works', link: '/guide/how-it-works' },
      ],
    },
    {
      text: 'Setting up',
      items: [
        { text: 'WeChat Open Platform', link: '/guide/wechat-setup' },
        { text: 'Logging in inside WeChat', link: '/guide/in-wechat' },
        { text: 'The emulator', link: '/guide/emulator' },
        { text: 'Tunnel debugging', link: '/guide/tunnels' },
      ],
    },
    {
      text: 'Guides',
      items: [
        { text: 'Display modes', link: '/guide/modes' },
        { text: 'Customising the QR code', link: '/guide/customizing' },
        { text: 'The Pinia store', link: '/guide/store' },
        { text: 'SSR and Nuxt', link: '/guide/ssr' },
        { text: 'The Nuxt module', link: '/guide/nuxt' },
        { text: 'The server package', link: '/guide/server' },
        { text: 'Using another backend', link: '/guide/other-backends' },
      ],
    },
    {
      text: 'Production',
      items: [
        { text: 'Security', link: '/guide/security' },
        { text: 'Troubleshooting', link: '/guide/troubleshooting' },
        { text: 'Benchmarks', link: '/guide/benchmarks' },
      ],
    },
    {
      text: 'API reference',
      items: [
        { text: '@wechat-qr-login/core', link: '/reference/core' },
        { text: '@wechat-qr-login/vue', link: '/reference/vue' },
        { text: '@wechat-qr-login/server', link: '/reference/server' },
        { text: '@wechat-qr-login/emulator', link: '/reference/emulator' },
        { text: '@wechat-qr-login/vite-plugin', link: '/reference/vite-plugin' },
        { text: 'Error codes', link: '/reference/errors' },
      ],
    },
  ]
}

function sidebarZh(): DefaultTheme.SidebarItem[] {
  return [
    {
      text: '介绍',
      items: [
        { text: '为什么用 wechat-qr-login', link: '/zh/guide/why' },
        { text: '五分钟上手', link: '/zh/guide/quick-start' },
        { text: '登录流程详解', link: '/zh/guide/how-it-works' },
      ],
    },
    {
      text: '准备工作',
      items: [
        { text: '微信开放平台接入', link: '/zh/guide/wechat-setup' },
        { text: '在微信内登录', link: '/zh/guide/in-wechat' },
        { text: '本地模拟器', link: '/zh/guide/emulator' },
        { text: '内网穿透调试', link: '/zh/guide/tunnels' },
      ],
    },
    {
      text: '使用指南',
      items: [
        { text: '展示模式', link: '/zh/guide/modes' },
        { text: '自定义二维码', link: '/zh/guide/customizing' },
        { text: 'Pinia store', link: '/zh/guide/store' },
        { text: 'SSR 与 Nuxt', link: '/zh/guide/ssr' },
        { text: 'Nuxt 模块', link: '/zh/guide/nuxt' },
        { text: '服务端包', link: '/zh/guide/server' },
        { text: '对接其他后端', link: '/zh/guide/other-backends' },
      ],
    },
    {
      text: '上线',
      items: [
        { text: '安全', link: '/zh/guide/security' },
        { text: '常见问题排查', link: '/zh/guide/troubleshooting' },
        { text: '性能基准', link: '/zh/guide/benchmarks' },
      ],
    },
    {
      text: 'API 参考',
      items: [
        { text: '@wechat-qr-login/core', link: '/zh/reference/core' },
        { text: '@wechat-qr-login/vue', link: '/zh/reference/vue' },
        { text: '@wechat-qr-login/server', link: '/zh/reference/server' },
        { text: '@wechat-qr-login/emulator', link: '/zh/reference/emulator' },
        { text: '@wechat-qr-login/vite-plugin', link: '/zh/reference/vite-plugin' },
        { text: '错误码', link: '/zh/reference/errors' },
      ],
    },
  ]
}

const config = withMermaid(defineConfig({
  title: 'wechat-qr-login',
  cleanUrls: true,
  lastUpdated: false,
  // Dead links fail the build on purpose: keep `ignoreDeadLinks` unset.

  locales: {
    root: {
      label: 'English',
      lang: 'en-US',
      description: 'WeChat website QR-code login (微信扫码登录) for Vue 3 teams, from registration to production.',
      themeConfig: {
        nav: [
          { text: 'Guide', link: '/guide/quick-start', activeMatch: '/guide/' },
          { text: 'Reference', link: '/reference/core', activeMatch: '/reference/' },
          { text: 'Troubleshooting', link: '/guide/troubleshooting' },
        ],
        sidebar: { '/guide/': sidebarEn(), '/reference/': sidebarEn() },
      },
    },
    zh: {
      label: '简体中文',
      lang: 'zh-CN',
      link: '/zh/',
      description: '面向 Vue 3 团队的微信扫码登录：从开放平台注册到上线。',
      themeConfig: {
        nav: [
          { text: '指南', link: '/zh/guide/quick-start', activeMatch: '/zh/guide/' },
          { text: 'API 参考', link: '/zh/reference/core', activeMatch: '/zh/reference/' },
          { text: '常见问题', link: '/zh/guide/troubleshooting' },
        ],
        sidebar: { '/zh/guide/': sidebarZh(), '/zh/reference/': sidebarZh() },
        outline: { label: '本页目录', level: [2, 3] },
        docFooter: { prev: '上一页', next: '下一页' },
        darkModeSwitchLabel: '外观',
        lightModeSwitchTitle: '切换到浅色模式',
        darkModeSwitchTitle: '切换到深色模式',
        sidebarMenuLabel: '菜单',
        returnToTopLabel: '回到顶部',
        langMenuLabel: '切换语言',
        skipToContentLabel: '跳到正文',
        notFound: {
          title: '页面不存在',
          quote: '链接可能已经失效，或者地址输错了。',
          linkLabel: '返回首页',
          linkText: '返回首页',
        },
      },
    },
  },

  themeConfig: {
    outline: { level: [2, 3] },
    search: {
      provider: 'local',
      options: {
        miniSearch: {
          options: {
            // Chinese has no spaces between words: segment it, or "回调域" never matches a sentence.
            // Self-contained on purpose: VitePress serializes this function into the client bundle.
            tokenize: (text: string) => {
              const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })
              return Array.from(segmenter.segment(text), part => part.segment)
                .filter(word => /[\p{L}\p{N}]/u.test(word))
            },
          },
        },
        locales: {
          zh: {
            translations: {
              button: { buttonText: '搜索文档', buttonAriaLabel: '搜索文档' },
              modal: {
                displayDetails: '显示详细列表',
                resetButtonTitle: '清除搜索',
                backButtonTitle: '关闭搜索',
                noResultsText: '没有找到相关结果',
                footer: {
                  selectText: '选择',
                  selectKeyAriaLabel: '回车',
                  navigateText: '切换',
                  navigateUpKeyAriaLabel: '上方向键',
                  navigateDownKeyAriaLabel: '下方向键',
                  closeText: '关闭',
                  closeKeyAriaLabel: 'Esc',
                },
              },
            },
          },
        },
      },
    },
  },

  // Diagrams render in the browser (mermaid 11) and follow the light/dark switch.
  mermaid: {},
  // mermaid is one large lazy chunk by nature; the pages themselves stay small.
  vite: { build: { chunkSizeWarningLimit: 2048 } },
}))

// `vitepress dev` serves mermaid unbundled, and its CommonJS dependencies (dayjs, fastdom, …) then
// fail in the browser ("does not provide an export named 'default'"). vitepress-plugin-mermaid
// lists some of them by bare name, which pnpm's strict node_modules cannot resolve from here.
// Pre-bundling mermaid itself covers all of them; `vitepress build` is unaffected.
const optimizeDeps = config.vite?.optimizeDeps
if (optimizeDeps)
  optimizeDeps.include = ['mermaid', ...(optimizeDeps.include ?? []).map(name => `mermaid > ${name}`)]

export default config
