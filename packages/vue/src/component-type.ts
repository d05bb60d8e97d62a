import type { ComponentObjectPropsOptions, ComponentOptionsMixin, DefineComponent, EmitsOptions, EmitsToProps, ExtractDefaultPropTypes, ExtractPropTypes, PublicProps, SlotsType, VNode } from 'vue'

/**
 * The type `defineComponent()` infers for a component with object props, object emits, typed
 * slots and a setup that returns a render function, written out. An exported component declared
 * with it keeps aliases such as `WechatLoginUser` in its event listener props in the built
 * declarations, where the inferred type prints what they resolve to when this package is built;
 * an app's registered user type then reaches `onSuccess`.
 */
export type RenderComponent<
  PropsOptions extends ComponentObjectPropsOptions,
  Emits extends EmitsOptions,
  Slots extends Record<string, any>,
> = DefineComponent<
  ExtractPropTypes<PropsOptions>,
  () => VNode,
  // eslint-disable-next-line ts/no-empty-object-type -- no data, computed or methods, as Vue spells it
  {},
  // eslint-disable-next-line ts/no-empty-object-type -- idem
  {},
  // eslint-disable-next-line ts/no-empty-object-type -- idem
  {},
  ComponentOptionsMixin,
  ComponentOptionsMixin,
  Emits,
  string,
  PublicProps,
  Readonly<ExtractPropTypes<PropsOptions>> & Readonly<EmitsToProps<Emits>>,
  ExtractDefaultPropTypes<PropsOptions>,
  SlotsType<Slots>
>
