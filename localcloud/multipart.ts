import { HttpError } from './http-util';

/**
 * A small `multipart/form-data` parser for the one place the SDK sends form data: `wx.openApi`
 * (built by the `form-data` package: CRLF line ends, `Content-Disposition: form-data; name="..."`,
 * and `Content-Type: application/octet-stream` on Buffer values only). Whole body in memory: the
 * wire API already caps bodies, and a streaming parser would buy nothing here.
 */

export interface MultipartParts {
  /** parts without a Content-Type header, decoded as UTF-8 text */
  fields: Record<string, unknown>;
  /** parts with a Content-Type header (the SDK's Buffers), as raw bytes */
  files: Record<string, Buffer>;
}

/** Guards against bodies that are technically valid but built to make the parser work hard. */
const MAX_PARTS = 100;
const MAX_HEADER_BYTES = 8 * 1024;

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export function parseMultipart(body: Buffer, contentType: string): MultipartParts {
  const boundary = boundaryOf(contentType);
  const delimiter = Buffer.from(`--${boundary}`);
  // null prototypes: a part named `__proto__` must stay a plain key, not reach Object.prototype
  const fields: Record<string, unknown> = Object.create(null);
  const files: Record<string, Buffer> = Object.create(null);
  const seen = new Set<string>();

  // Anything before the first delimiter is a preamble (RFC 2046) and is ignored.
  let pos = indexOfDelimiter(body, delimiter, 0, true);
  if (pos < 0) throw invalid('body does not contain the boundary');
  pos += delimiter.length;
  for (let count = 0; ; count++) {
    if (body.subarray(pos, pos + 2).toString('latin1') === '--') return { fields, files };
    pos = skipLinearWhitespace(body, pos);
    if (!body.subarray(pos, pos + 2).equals(CRLF)) throw invalid('boundary line not followed by CRLF');
    pos += 2;
    if (count >= MAX_PARTS) throw invalid(`more than ${MAX_PARTS} parts`);

    // every part needs at least Content-Disposition, so a blank line here is an error
    if (body.subarray(pos, pos + 2).equals(CRLF)) throw invalid('part without Content-Disposition');
    const headerEnd = body.indexOf(HEADER_END, pos);
    if (headerEnd < 0 || headerEnd - pos > MAX_HEADER_BYTES) throw invalid('part headers not terminated');
    const headers = parseHeaders(body.subarray(pos, headerEnd));
    const contentStart = headerEnd + 4;

    const next = indexOfDelimiter(body, delimiter, contentStart, false);
    if (next < 0) throw invalid('missing closing boundary');
    // the CRLF before the delimiter belongs to the delimiter, not to the content
    const content = body.subarray(contentStart, next - 2);

    const name = fieldName(headers.get('content-disposition'));
    if (seen.has(name)) throw invalid(`duplicate part "${name}"`);
    seen.add(name);
    if (headers.has('content-type')) files[name] = Buffer.from(content);
    else fields[name] = content.toString('utf8');
    pos = next + delimiter.length;
  }
}

function invalid(detail: string): HttpError {
  return new HttpError(400, 'INVALID_MULTIPART', `malformed multipart/form-data body: ${detail}`);
}

function boundaryOf(contentType: string): string {
  const semi = contentType.indexOf(';');
  const boundary = semi < 0 ? undefined : parseParams(contentType.slice(semi + 1)).get('boundary');
  // RFC 2046: 1 to 70 characters
  if (!boundary || boundary.length > 70) throw invalid('missing or invalid boundary in Content-Type');
  return boundary;
}

/**
 * Where the next delimiter line starts: at the very beginning of the body (first one only),
 * or after a CRLF. A match in the middle of a line is content, not a delimiter.
 */
function indexOfDelimiter(body: Buffer, delimiter: Buffer, from: number, first: boolean): number {
  if (first && body.subarray(0, delimiter.length).equals(delimiter)) return 0;
  const needle = Buffer.concat([CRLF, delimiter]);
  const at = body.indexOf(needle, from);
  return at < 0 ? -1 : at + 2;
}

function skipLinearWhitespace(body: Buffer, pos: number): number {
  // RFC 2046 allows transport padding (spaces/tabs) after a delimiter.
  while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
  return pos;
}

function parseHeaders(block: Buffer): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.toString('utf8').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw invalid(`bad part header line "${line.slice(0, 60)}"`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function fieldName(disposition: string | undefined): string {
  if (!disposition) throw invalid('part without Content-Disposition');
  const semi = disposition.indexOf(';');
  const kind = (semi < 0 ? disposition : disposition.slice(0, semi)).trim().toLowerCase();
  if (kind !== 'form-data') throw invalid(`part disposition "${kind}" is not form-data`);
  const name = semi < 0 ? undefined : parseParams(disposition.slice(semi + 1)).get('name');
  if (!name) throw invalid('part without a name');
  return name;
}

/** `a=1; b="x y"; c="q\"uote"` → Map; names lower-cased, quoted values unescaped. */
function parseParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t' || text[i] === ';') i++;
    if (i >= text.length) break;
    const eq = text.indexOf('=', i);
    if (eq < 0) throw invalid(`bad header parameter "${text.slice(i, i + 40)}"`);
    const key = text.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw invalid('unterminated quoted header parameter');
        const ch = text[i++];
        if (ch === '"') break;
        value += ch === '\\' && i < text.length ? text[i++] : ch;
      }
    } else {
      const end = text.indexOf(';', i);
      value = text.slice(i, end < 0 ? text.length : end).trim();
      i = end < 0 ? text.length : end;
    }
    if (key) params.set(key, value);
  }
  return params;
}
