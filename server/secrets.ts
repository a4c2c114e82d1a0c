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

/** An optional setting from the function's environment. */
export function setting(name: string, fallback: string): string {
  return process.env[name] || fallback;
}
