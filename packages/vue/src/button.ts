import type { VNode } from 'vue'
import { h } from 'vue'

/** A button of the default markup, `wechat-qr-login__button--{modifier}`; slots replace it. */
export function button(modifier: string, label: string, onClick: () => void, disabled?: boolean): VNode {
  return h('button', { type: 'button', class: `wechat-qr-login__button wechat-qr-login__button--${modifier}`, disabled, onClick }, label)
}
