import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signatures for temp download URLs and upload authorizations. The key is random per localcloud
 * instance, so links do not survive a restart (the platform's links are short-lived anyway) and
 * cannot be forged from anything on disk.
 */
export class Signer {
  private readonly key = randomBytes(32);

  sign(purpose: 'get' | 'put', cloudPath: string, expiresAt: number, extra = ''): string {
    return createHmac('sha256', this.key).update(`${purpose}\n${cloudPath}\n${expiresAt}\n${extra}`).digest('hex');
  }

  verify(purpose: 'get' | 'put', cloudPath: string, expiresAt: number, signature: string, extra = ''): boolean {
    const expected = Buffer.from(this.sign(purpose, cloudPath, expiresAt, extra), 'hex');
    const given = /^[0-9a-f]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
