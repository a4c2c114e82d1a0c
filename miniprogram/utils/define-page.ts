/**
 * Every page is built with the Component constructor, which WeChat supports for pages: the same file then runs
 * unchanged in WeChat, in miniprogram-simulate (page tests; it has no `Page`) and in j-component in a browser,
 * with no shim anywhere. Page lifecycles (onLoad, onShow, onReachBottom, …) go in `methods`.
 *
 * `definePage<Fields>()({...})` types `this` with those lifecycles and with the page's own non-rendered fields
 * (timers, request counters): they live on the instance, not in `data`, so changing them re-renders nothing.
 * Shared page logic comes in as the platform shares it, through `behaviors` (miniprogram/behaviors/): their data
 * and methods are typed on `this` too.
 */
type DataOption = WechatMiniprogram.Component.DataOption;
type MethodOption = WechatMiniprogram.Component.MethodOption;
type NoProperties = Record<never, WechatMiniprogram.Component.AllProperty>;
type BehaviorOption = WechatMiniprogram.Component.BehaviorOption;
type PageOptions<
  TData extends DataOption,
  TMethod extends MethodOption,
  TBehavior extends BehaviorOption,
  TFields extends WechatMiniprogram.IAnyObject,
> = WechatMiniprogram.Component.Options<TData, NoProperties, TMethod, TBehavior, TFields, true>;

export function definePage<TFields extends WechatMiniprogram.IAnyObject>() {
  return <TData extends DataOption, TMethod extends MethodOption, TBehavior extends BehaviorOption = []>(
    options: PageOptions<TData, TMethod, TBehavior, TFields>,
  ): string => Component(options);
}
