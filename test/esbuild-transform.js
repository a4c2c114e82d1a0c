// Jest transform: TypeScript (and the ES modules some libraries ship) to CommonJS with esbuild.
// TypeScript 7 has no compiler API, so ts-jest cannot run; esbuild is also what bundles the functions.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const loader = filename.endsWith('.ts') ? 'ts' : 'js';
    const { code, map } = transformSync(source, {
      loader,
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
    });
    return { code, map };
  },
};
