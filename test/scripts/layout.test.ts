/**
 * Imports go one way between the top-level folders, as the README's layout says: localcloud stays a library that
 * knows nothing of this app, nothing that runs outside tests reaches into test/, and only scripts/ (the
 * composition root) puts localcloud, the demo and the preview together.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * What each folder may import besides itself; `miniprogram/core` is the only part of miniprogram/ others use, and a
 * subpackage's own rules (`miniprogram/packages/<name>/rules.ts`, pure TS like core/): rules only that subpackage's
 * pages share with a function, kept out of core/ because every core/ file counts against the main package's budget.
 */
const MAY_IMPORT: Record<string, string[]> = {
  miniprogram: [],
  server: ['miniprogram/core', 'miniprogram/rules'],
  cloudfunctions: ['miniprogram/core', 'miniprogram/rules', 'server'],
  localcloud: [],
  demo: ['miniprogram/core', 'server', 'localcloud'],
  preview: ['localcloud', 'demo'],
  scripts: ['miniprogram/core', 'server', 'localcloud', 'demo', 'preview'],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (['node_modules', 'miniprogram_npm'].includes(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * The top-level place a relative import lands in: `miniprogram/core` for the shared core, `miniprogram/rules` for a
 * subpackage's rules file, else the folder.
 */
function place(file: string): string {
  const parts = path.relative(repoRoot, file).split(path.sep);
  const [top, second] = parts;
  if (top === 'miniprogram' && second === 'core') return 'miniprogram/core';
  if (top === 'miniprogram' && second === 'packages' && parts.length === 4 && /^rules(\.ts)?$/.test(parts[3])) {
    return 'miniprogram/rules';
  }
  return top;
}

test.each(Object.keys(MAY_IMPORT))('%s/ imports only what lies below it', (folder) => {
  const wrong: string[] = [];
  for (const file of sources(path.join(repoRoot, folder))) {
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/(?:from|import|require)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = place(path.resolve(path.dirname(file), spec));
      const own =
        target === folder || (folder === 'miniprogram' && ['miniprogram/core', 'miniprogram/rules'].includes(target));
      if (!own && !MAY_IMPORT[folder].includes(target)) wrong.push(`${path.relative(repoRoot, file)} → ${spec}`);
    }
  }
  expect(wrong).toEqual([]);
});

test('a subpackage’s rules import only the shared core, as core/ itself does (functions bundle them)', () => {
  const wrong: string[] = [];
  for (const file of sources(path.join(repoRoot, 'miniprogram', 'packages'))) {
    if (place(file) !== 'miniprogram/rules') continue;
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/(?:from|import|require)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      if (place(path.resolve(path.dirname(file), spec)) !== 'miniprogram/core') {
        wrong.push(`${path.relative(repoRoot, file)} → ${spec}`);
      }
    }
  }
  expect(wrong).toEqual([]);
});
