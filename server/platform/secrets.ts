import { createHash } from 'node:crypto';
import { AppError } from './errors';

/**
 * A secret from the function's environment (set in the cloud console, never in the repo). Under
 * localcloud (`LOCALCLOUD_URL` set) a missing secret gets a fixed development value derived from
 * its name, so `npm start` works with no setup; in production a missing secret is a refusal with
 * the details in the log, never a silent default.
 */
export function secret(name: string): string {
  const value = process.env[name];
  if (value) return value;
  if (process.env.LOCALCLOUD_URL) return createHash('sha256').update(`localcloud-dev:${name}`).digest('hex');
  console.error(`[config] environment variable ${name} is not set`);
  throw new AppError('INTERNAL');
}

/** A setting with a default that is right everywhere (e.g. a region). */
export function setting(name: string, fallback: string): string {
  return process.env[name] || fallback;
}

/**
 * A setting production must configure (an SMS sign name, a template id): `localValue` under
 * localcloud, a refusal with the details in the log when missing in production.
 */
export function requiredSetting(name: string, localValue: string): string {
  const value = process.env[name];
  if (value) return value;
  if (process.env.LOCALCLOUD_URL) return localValue;
  console.error(`[config] environment variable ${name} is not set`);
  throw new AppError('INTERNAL');
}
