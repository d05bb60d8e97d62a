/** Every way the app can show the login, in the order the docs present them. */
export const LOGIN_MODES = ['embedded', 'new-window', 'redirect'] as const

/** How the app shows the login: decides where the callback lands and how it reports back. */
export type WechatLoginMode = typeof LOGIN_MODES[number]

/** Whether `value` is one of the {@link LOGIN_MODES}. */
export function isLoginMode(value: unknown): value is WechatLoginMode {
  return (LOGIN_MODES as readonly unknown[]).includes(value)
}
