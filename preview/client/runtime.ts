/**
 * The mini-program's pages in the browser through miniprogram-simulate (j-component + exparser), the same
 * renderer the page tests use:
 * - templates are WeChat's own `wcc` output (compiled by the server, run here), handed to simulate as compiled
 *   functions, exactly as its Node side does;
 * - `.json` and `.wxss` come from the file map the server built; simulate adds its per-component class prefixes;
 * - code: each component's file in the map is one line calling `__txDefine(path)`, which runs the module from
 *   the bundle the first time (modules are singletons, as in WeChat) and replays its `Component()` options on
 *   every later load (simulate registers a page's components again for each page that uses them).
 */
import simulate from 'miniprogram-simulate';
import type { RootComponent } from 'j-component';
import simulateUtils from 'miniprogram-simulate/src/utils';
import jUtils from 'j-component/src/tool/utils';
import type { AppManifest } from '../manifest-types';
import { convertUnits } from './units';
import { pageTagName } from './page-names';

export interface PreviewBundle {
  manifest: AppManifest;
  /** `<path>.json` and `<path>.wxss` for every page and component */
  files: Record<string, string>;
  /** wcc's output: the body of a function that returns `$gwx` */
  wcc: string;
  /** component path → runs its module (once) */
  modules: Record<string, () => unknown>;
  /** runs app.ts (it calls `App()`) */
  app: () => unknown;
  /** when the server built this bundle */
  builtAt: number;
}

type AnyOptions = Record<string, unknown>;
type Any = WechatMiniprogram.IAnyObject;
export type PageRoot = RootComponent<Any, Any, Any>;

declare global {
  interface Window {
    __FILE_MAP__: Record<string, unknown>;
    __txDefine(path: string): void;
    Component: (options: AnyOptions) => unknown;
  }
}

export class Runtime {
  private readonly registered = new Map<string, string>();

  constructor(bundle: PreviewBundle) {
    simulateUtils.transformRpx = convertUnits;
    jUtils.transformRpx = convertUnits;
    const gwx = new Function(bundle.wcc)() as (file: string) => unknown;
    const files: Record<string, unknown> = { ...bundle.files };
    for (const path of Object.keys(bundle.modules)) {
      files[`${path}.wxml`] = gwx(`${path.slice(1)}.wxml`);
      files[`${path}.js`] = `window.__txDefine(${JSON.stringify(path)})`;
    }
    window.__FILE_MAP__ = files;
    interceptComponent(bundle.modules);
  }

  /** Renders a new instance of the page at `route` (its code and components are registered once). */
  render(route: string): PageRoot {
    let id = this.registered.get(route);
    if (id === undefined) {
      id = simulate.load(`/${route}`, pageTagName(route), { rootPath: '/', compiler: 'official' });
      this.registered.set(route, id);
    }
    return simulate.render(id) as PageRoot;
  }
}

function interceptComponent(modules: Record<string, () => unknown>): void {
  const simulateComponent = window.Component;
  const definitions = new Map<string, AnyOptions>();
  let loading: string | undefined;

  window.Component = (options: AnyOptions) => {
    if (loading !== undefined && !definitions.has(loading)) definitions.set(loading, options);
    return simulateComponent(freshCopy(options));
  };

  window.__txDefine = (path: string) => {
    const known = definitions.get(path);
    if (known) {
      simulateComponent(freshCopy(known));
      return;
    }
    const run = modules[path];
    if (!run) throw new Error(`the preview has no code for ${path}`);
    loading = path;
    try {
      run();
    } finally {
      loading = undefined;
    }
    if (!definitions.has(path)) {
      throw new Error(`${path} did not call Component() when it ran: is its module imported by another one?`);
    }
  };
}

/** simulate rewrites `relations` in place (paths → ids): each registration gets its own copy. */
function freshCopy(options: AnyOptions): AnyOptions {
  const relations = options.relations as Record<string, AnyOptions> | undefined;
  return {
    ...options,
    ...(options.properties ? { properties: { ...(options.properties as AnyOptions) } } : {}),
    ...(relations
      ? { relations: Object.fromEntries(Object.entries(relations).map(([key, value]) => [key, { ...value }])) }
      : {}),
  };
}
