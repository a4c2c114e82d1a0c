/**
 * `npm run deploy -- -e <envId> [--dry-run]`: puts the project into one cloud environment in one step — build the
 * bundles, deploy every function of cloudbaserc.json with the CloudBase CLI (pinned in devDependencies), then
 * create the collections, indexes and rules of docs/database.json through the Tencent Cloud API. This is the only
 * place `tcb` is run. `--dry-run` prints every command and API call and runs none (no network, no credentials).
 * Both steps use the Tencent Cloud API key in TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY
 * (TENCENTCLOUD_SESSIONTOKEN for a temporary one), region TENCENTCLOUD_REGION (default ap-shanghai).
 * What stays manual is listed at the end of the plan and in docs/deploy.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cloudbaseConfig, cloudbaseConfigText, functionFolders } from './deploy/cloudbase-config';
import { applyDatabasePlan, type CloudCredentials } from './deploy/database-admin';
import { databasePlan, describeIndex, type CollectionPlan } from './deploy/database-plan';

const repoRoot = path.resolve(__dirname, '..');
const functionsRoot = path.join(repoRoot, 'cloudfunctions');
const tcb = path.join(repoRoot, 'node_modules', '.bin', 'tcb');

/** Environment ids as the platform issues them: lowercase letters, digits and hyphens. */
const ENV_ID = /^[a-z][a-z0-9-]{2,63}$/;

interface DeployOptions {
  envId: string;
  dryRun: boolean;
}

function parseArguments(argv: string[]): DeployOptions {
  let envId: string | undefined;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--dry-run') dryRun = true;
    else if (argument === '-e' || argument === '--env') envId = argv[++i];
    else throw new Error(`unknown argument "${argument}"; usage: npm run deploy -- -e <envId> [--dry-run]`);
  }
  if (!envId) throw new Error('name the environment: npm run deploy -- -e <envId> [--dry-run]');
  if (!ENV_ID.test(envId)) {
    throw new Error(
      `"${envId}" is not an environment id (lowercase letters, digits and hyphens, as the console shows it)`,
    );
  }
  return { envId, dryRun };
}

/** The API key both steps use; a dry run shows where it would come from instead. */
function credentials(dryRun: boolean): CloudCredentials {
  const { TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY, TENCENTCLOUD_SESSIONTOKEN, TENCENTCLOUD_REGION } = process.env;
  const region = TENCENTCLOUD_REGION || 'ap-shanghai';
  if (dryRun) return { secretId: '$TENCENTCLOUD_SECRETID', secretKey: '$TENCENTCLOUD_SECRETKEY', region };
  if (!TENCENTCLOUD_SECRETID || !TENCENTCLOUD_SECRETKEY) {
    throw new Error(
      'set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (a Tencent Cloud API key of the account that owns the environment)',
    );
  }
  return {
    secretId: TENCENTCLOUD_SECRETID,
    secretKey: TENCENTCLOUD_SECRETKEY,
    token: TENCENTCLOUD_SESSIONTOKEN || undefined,
    region,
  };
}

/** cloudbaserc.json must be what the function folders say, or the CLI would deploy something else. */
function checkCloudbaserc(): void {
  const file = path.join(repoRoot, 'cloudbaserc.json');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (current !== cloudbaseConfigText(functionsRoot)) {
    throw new Error(
      'cloudbaserc.json does not match cloudfunctions/*/config.json: run npm run cloudbaserc and commit it',
    );
  }
}

/** A command of the plan: what it runs, and how it is shown (the secret key never is). */
interface Command {
  program: string;
  args: string[];
  shown: string;
  env?: Record<string, string>;
}

function commands({ envId }: DeployOptions, key: CloudCredentials): Command[] {
  return [
    { program: 'npm', args: ['run', 'build'], shown: 'npm run build' },
    {
      program: tcb,
      args: ['login', '--apiKeyId', key.secretId, '--apiKey', key.secretKey],
      shown: 'tcb login --apiKeyId $TENCENTCLOUD_SECRETID --apiKey ***',
    },
    {
      program: tcb,
      args: ['fn', 'deploy', '--all', '--force', '-e', envId],
      shown: `tcb fn deploy --all --force -e ${envId}`,
      env: { ENV_ID: envId },
    },
  ];
}

function functionLines(): string[] {
  return cloudbaseConfig(functionsRoot).functions.map((entry) => {
    const parts = [entry.name, entry.runtime, `timeout ${entry.timeout} s`, 'no cloud-side install'];
    for (const trigger of entry.triggers ?? []) parts.push(`timer trigger ${trigger.name} "${trigger.config}"`);
    if (entry.path) parts.push(`HTTP access path ${entry.path}`);
    return `     ${parts.join('  ')}`;
  });
}

function databaseLines(plan: CollectionPlan[], region: string): string[] {
  const lines = [
    `  4. database from docs/database.json (Tencent Cloud API, region ${region}): tcb DescribeEnvs, flexdb ListTables,`,
    '     then per collection flexdb CreateTable if it is missing, DescribeTable, UpdateTable CreateIndexes for the',
    '     indexes it lacks (one that exists is left alone), tcb ModifySafeRule:',
  ];
  for (const { collection, indexes, rule } of plan) {
    lines.push(`     ${collection}: create if missing; rule CUSTOM ${rule}`);
    for (const index of indexes) lines.push(`       index ${describeIndex(index)}`);
  }
  return lines;
}

/** What no API call sets: the functions that declare 云调用 permissions need one upload from DevTools. */
function manualLines(): string[] {
  const openapi = functionFolders(functionsRoot).filter((name) => {
    const config = JSON.parse(readFileSync(path.join(functionsRoot, name, 'config.json'), 'utf8')) as {
      permissions?: { openapi?: string[] };
    };
    return (config.permissions?.openapi ?? []).length > 0;
  });
  return [
    'still by hand (docs/deploy.md §6):',
    openapi.length > 0
      ? `  - upload ${openapi.join(', ')} once from WeChat DevTools: only it applies config.json 云调用 permissions`
      : '  - 云调用 permissions: no function declares any today',
    '  - secrets and settings per function in the console (docs/deploy.md §4)',
  ];
}

function run(command: Command): void {
  const result = spawnSync(command.program, command.args, {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, ...command.env },
  });
  if (result.error) throw new Error(`${command.shown}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command.shown} failed (exit ${result.status ?? result.signal})`);
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const key = credentials(options.dryRun);
  checkCloudbaserc();
  const plan = databasePlan(path.join(repoRoot, 'docs', 'database.json'));
  const steps = commands(options, key);
  if (!options.dryRun && !existsSync(tcb)) throw new Error('the CloudBase CLI is missing: run npm ci');

  console.log(`deploy to environment ${options.envId}${options.dryRun ? ' (dry run: nothing is run)' : ''}`);
  steps.forEach((step, i) => {
    console.log(`  ${i + 1}. ${step.shown}`);
    if (step.args.includes('deploy')) for (const line of functionLines()) console.log(line);
  });
  for (const line of databaseLines(plan, key.region)) console.log(line);
  for (const line of manualLines()) console.log(line);
  if (options.dryRun) return;

  for (const step of steps) run(step);
  await applyDatabasePlan(plan, options.envId, key, (line) => console.log(`database: ${line}`));
  console.log(`deploy: done; check the environment as docs/deploy.md §6 says`);
}

main().catch((error: unknown) => {
  console.error(`deploy: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
