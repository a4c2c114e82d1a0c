import type { LocalcloudCore } from './core';
import type { FunctionRunner } from './functions/runner';
export function installDevRoutes(_core: LocalcloudCore, _functions: FunctionRunner): void {}
