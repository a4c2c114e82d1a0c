/**
 * `npm run cloudbaserc`: writes cloudbaserc.json from the function folders (cloudbase-config.ts). Run it after
 * adding a function or changing a `config.json`; `npm run deploy` refuses to deploy from a stale file.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cloudbaseConfigText } from './cloudbase-config';

const repoRoot = path.resolve(__dirname, '..', '..');
writeFileSync(path.join(repoRoot, 'cloudbaserc.json'), cloudbaseConfigText(path.join(repoRoot, 'cloudfunctions')));
console.log('cloudbaserc: wrote cloudbaserc.json from cloudfunctions/*/config.json');
