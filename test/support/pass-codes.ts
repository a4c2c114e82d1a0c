import { base45Decode, base45Encode } from '../../server/platform/base45';

/**
 * What tests read of a TX2 pass code, by the byte layout server/passes/pass-codes.ts and docs/api.md
 * give: the fields a gate sees, and the forger's move of changing a byte while keeping the signature.
 */

const PREFIX = 'TX2:';
const PAYLOAD_BYTES = 35;

function bytesOf(code: string): Buffer {
  if (!code.startsWith(PREFIX)) throw new Error(`not a TX2 code: ${code.slice(0, 12)}`);
  const bytes = base45Decode(code.slice(PREFIX.length));
  if (!bytes) throw new Error(`not Base45 after ${PREFIX}`);
  return Buffer.from(bytes);
}

export interface CodeFields {
  keyByte: number;
  typeByte: number;
  /** the pass id, 32 hex characters */
  jti: string;
  siteRef: string;
  nbf: number;
  exp: number;
}

export function codeFields(code: string): CodeFields {
  const bytes = bytesOf(code);
  return {
    keyByte: bytes[1],
    typeByte: bytes[2],
    jti: bytes.toString('hex', 3, 19),
    siteRef: bytes.toString('hex', 19, 27),
    nbf: bytes.readUInt32BE(27),
    exp: bytes.readUInt32BE(31),
  };
}

/** The code with its payload changed by `change` and its signature kept: what a forger can make of it. */
export function tamperedCode(code: string, change: (payload: Buffer) => void): string {
  const bytes = bytesOf(code);
  change(bytes.subarray(0, PAYLOAD_BYTES));
  return PREFIX + base45Encode(bytes);
}
