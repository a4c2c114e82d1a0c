import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { secret } from './secrets';

/**
 * Encryption at rest for sensitive values (ID numbers, device secrets): AES-256-GCM with a key
 * from the function's environment (a 32-byte key as 64 hex characters, or any text, hashed to 32
 * bytes), stored as `v1.<iv>.<tag>.<ciphertext>` (base64url). A keyed hash gives lookups without
 * decrypting. Different purposes use different keys, so one leaked key opens one kind of value.
 */
export function seal(plaintext: string, keyName: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(keyName), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function unseal(sealed: string, keyName: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(keyName), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** A keyed hash for finding a value without storing it in the clear. */
export function lookupHash(value: string, keyName: string): string {
  return createHmac('sha256', keyOf(keyName)).update(value).digest('hex');
}

function keyOf(name: string): Buffer {
  const text = secret(name);
  return /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : createHash('sha256').update(text).digest();
}
