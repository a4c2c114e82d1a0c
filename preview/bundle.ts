/**
 * Builds the preview for the browser: app.json's pages and their components (components.ts), their templates
 * compiled by WeChat's `wcc` (what the page tests use, through miniprogram-simulate), and one esbuild bundle of
 * the preview client, miniprogram-simulate, j-component and every page's and component's code.
 *
 * esbuild settings that make simulate run in a browser: `global` is `window`, Node's `path` is path-browserify,
 * `fs` and `url` stay out (simulate only touches them on Node); each component's module is reached through a
 * `require()` thunk so it runs when simulate loads it, not when the bundle starts.
 */
import { build, type Plugin } from 'esbuild';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import compiler from 'miniprogram-compiler';
import { readAppManifest, type AppManifest } from './app-manifest';
import { buildCacheFile, readBuildCache, writeBuildCache } from './build-cache';
import { collectComponents, templatesInUse, type ComponentSource } from './components';

export interface PreviewBuild {
  js: string;
  /** the bundle's source map, served beside it: the browser reads it only when its developer tools are open */
  sourceMap: string;
  manifest: AppManifest;
  builtAt: number;
  durationMs: number;
}

/** The preview's build of the project as it is now: from disk when nothing it reads has changed (build-cache.ts). */
export async function cachedBuildPreview(projectRoot: string): Promise<PreviewBuild> {
  const file = buildCacheFile(projectRoot, 'preview');
  const cached = readBuildCache<PreviewBuild>(file);
  if (cached) return cached;
  const fresh = await buildPreview(projectRoot);
  writeBuildCache(file, fresh);
  return fresh;
}

/** A function that runs the module `file` when called: esbuild wraps a require()d module to run lazily. */
function thunk(file: string): string {
  return `() => require(${JSON.stringify(file)})`;
}

/** wcc's output embeds every template; TDesign alone passes the 1 MiB default */
const WCC_MAX_BUFFER = 64 * 1024 * 1024;

export async function buildPreview(projectRoot: string): Promise<PreviewBuild> {
  const started = Date.now();
  const miniprogramRoot = path.join(projectRoot, 'miniprogram');
  if (!existsSync(path.join(miniprogramRoot, 'miniprogram_npm'))) {
    throw new Error('miniprogram/miniprogram_npm is missing: run `npm run build` (it prepares the UI library)');
  }
  // wcc's wrapper reads each component's .json with require(): drop the cached ones so edits are seen
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(miniprogramRoot) && key.endsWith('.json')) delete require.cache[key];
  }
  const manifest = readAppManifest(miniprogramRoot);
  const { components, files } = collectComponents(miniprogramRoot, manifest);
  const wcc = await compileTemplates(miniprogramRoot, components);

  const entry = [
    `import { boot } from ${JSON.stringify(path.join(__dirname, 'client', 'main.ts'))};`,
    'boot({',
    `  manifest: ${JSON.stringify(manifest)},`,
    `  files: ${JSON.stringify(files)},`,
    `  wcc: ${JSON.stringify(wcc)},`,
    `  builtAt: ${started},`,
    `  app: ${thunk(path.join(miniprogramRoot, 'app.ts'))},`,
    '  modules: {',
    ...components.map((component) => `    ${JSON.stringify(component.path)}: ${thunk(component.codeFile)},`),
    '  },',
    '});',
  ].join('\n');

  const result = await build({
    stdin: { contents: entry, resolveDir: projectRoot, sourcefile: 'preview-entry.js', loader: 'js' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome110',
    define: { global: 'window', 'process.env.NODE_ENV': '"development"' },
    alias: { path: 'path-browserify' },
    external: ['fs', 'url'],
    plugins: [miniprogramNpm(miniprogramRoot), virtualHostClasses()],
    // linked, not inline: an inline map (14 MB) made every phone a test opens parse three times the bytes
    sourcemap: 'linked',
    outfile: path.join(projectRoot, 'app.js'),
    logLevel: 'silent',
  });
  const output = (extension: string) => {
    const file = result.outputFiles.find((candidate) => candidate.path.endsWith(extension));
    if (!file) throw new Error(`esbuild wrote no ${extension}`);
    return file.text;
  };
  return {
    js: output('.js'),
    sourceMap: output('.js.map'),
    manifest,
    builtAt: started,
    durationMs: Date.now() - started,
  };
}

/**
 * Bare imports inside the mini-program resolve the way WeChat resolves them: from the nearest `miniprogram_npm`
 * folder up the tree (TDesign ships its own `miniprogram_npm/tslib`), then from node_modules as usual.
 */
function miniprogramNpm(miniprogramRoot: string): Plugin {
  return {
    name: 'miniprogram-npm',
    setup(onBuild) {
      onBuild.onResolve({ filter: /^[^./]/ }, (args) => {
        if (!args.importer.startsWith(miniprogramRoot)) return undefined;
        for (let dir = path.dirname(args.importer); dir.startsWith(miniprogramRoot); dir = path.dirname(dir)) {
          const target = path.join(dir, 'miniprogram_npm', args.path);
          for (const candidate of [target, `${target}.js`, path.join(target, 'index.js')]) {
            if (existsSync(candidate) && statSync(candidate).isFile()) return { path: candidate };
          }
        }
        return undefined;
      });
    },
  };
}

/**
 * WeChat's wcc over the templates the components use (components.ts, templatesInUse).
 * scripts/prepare-miniprogram-npm.ts (run by `npm run build` and test setups) swaps miniprogram_npm/ for a fresh
 * copy; a compile that meets the swap half done finds files missing, so it tries again a few times before
 * reporting the error.
 */
async function compileTemplates(miniprogramRoot: string, components: ComponentSource[]): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const templates = templatesInUse(miniprogramRoot, components);
      return compiler.wxmlToJs(miniprogramRoot, {
        maxBuffer: WCC_MAX_BUFFER,
        wxmlList: templates.wxml,
        wxsList: templates.wxs,
      });
    } catch (error) {
      if (attempt >= 5 || !/not found/.test(error instanceof Error ? error.message : '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

const HOST_CLASS_LINE =
  "if (name === 'id' || name === 'slot' || (isComponentNode && name === 'class')) {\n      // 普通属性\n      exparserNode[name] = value || ''";

/**
 * TDesign's components are virtual hosts (`options.virtualHost`): WeChat renders no element for the component
 * itself and hands the `class` written on it to the component's external class named `class`, which TDesign
 * puts on its root node. j-component sets it on the (absent) host only, so `class="site-cell"` on a `<t-cell>`
 * styled nothing in a browser. This adds WeChat's forwarding; the host keeps the class too, for selectors.
 */
function virtualHostClasses(): Plugin {
  return {
    name: 'virtual-host-classes',
    setup(onBuild) {
      onBuild.onLoad({ filter: /j-component[\\/]src[\\/]render[\\/]render\.js$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes(HOST_CLASS_LINE)) {
          throw new Error(`${args.path} changed: re-check the virtual-host class forwarding in preview/bundle.ts`);
        }
        const patched = source.replace(
          HOST_CLASS_LINE,
          `${HOST_CLASS_LINE}\n      if (isComponentNode && name === 'class' && exparserNode.hasExternalClass('class')) exparserNode.setExternalClass('class', value || '')`,
        );
        return { contents: patched, loader: 'js' };
      });
    },
  };
}
