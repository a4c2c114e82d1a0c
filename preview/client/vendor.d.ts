/** The parts of miniprogram-simulate and j-component the preview reaches into (they ship no types for these). */

declare module 'miniprogram-simulate/src/utils' {
  const utils: { transformRpx(style: string): string };
  export default utils;
}

declare module 'j-component/src/tool/utils' {
  const utils: { transformRpx(style: string, keepZero?: boolean): string };
  export default utils;
}

declare module 'j-component/src/tool/selectorquery' {
  interface QueueItem {
    selector: string;
    exparserNode: ExparserNode | 0;
    isSelectSingle: boolean;
    fields: Record<string, unknown>;
  }
  class SelectorQuery {
    constructor(component?: { _exparserNode: ExparserNode });
    _queue: QueueItem[];
    _queueCallback: Array<((result: unknown) => void) | null>;
    exec(callback?: (results: unknown[]) => void): void;
  }
  export default SelectorQuery;
}

/** exparser's node: `$$` is its DOM element (undefined for virtual nodes). */
interface ExparserNode {
  $$?: HTMLElement;
  shadowRoot?: { querySelector(selector: string): ExparserNode | null; querySelectorAll(s: string): ExparserNode[] };
}
