import { Reader, Writer } from 'protobufjs/minimal';

/*
 * The two protobuf messages of `wx.openApi`, hand-coded from wx-server-sdk's generated
 * src/protobuf/openapi.js so localcloud does not need the SDK loaded to speak them.
 *
 *   CommApiData     { 1 apiType: int32 (0 OPEN_API, 2 SVRKIT_API), 2 openapiData: OpenApiData,
 *                     4 svrkitData: SvrkitApiData, 6 appid: string }     (3 innerData, 5 tokenData unused)
 *   OpenApiData     { 1 pairs: repeated KeyValuePair }
 *   KeyValuePair    { 1 key: string, 2 value: bytes (JSON text, or a file), 3 contenttype, 4 filename }
 *   SvrkitApiData   { 1 apiName: string, 2 reqData: bytes }
 *   CommOpenApiResp { 1 respData: bytes, 2 contentType: string, 3 errorCode: int32, 4 httpCode: uint32,
 *                     5 headers: repeated HttpHeader, 6 svrkitErrorCode: int32 }
 */

export const API_TYPE_OPEN_API = 0;

export interface KeyValuePair {
  key: string;
  value: Buffer;
  contentType: string;
  filename: string;
}

export interface CommApiData {
  apiType: number;
  pairs: KeyValuePair[];
  /** set for SVRKIT_API calls (getOpenData, getVoIPSign, getCloudCallSign) */
  svrkitApiName?: string;
  appid: string;
}

export interface CommOpenApiResp {
  respData?: Buffer;
  contentType?: string;
  /** non-zero: a platform-level refusal (e.g. -604101 no permission); the SDK throws it as errCode */
  errorCode?: number;
  httpCode?: number;
}

const LENGTH_DELIMITED = 2;
const VARINT = 0;

/** Throws (RangeError or Error) on bytes that are not a well-formed CommApiData. */
export function decodeCommApiData(bytes: Uint8Array): CommApiData {
  const message: CommApiData = { apiType: API_TYPE_OPEN_API, pairs: [], appid: '' };
  readFields(bytes, {
    1: [VARINT, (r) => (message.apiType = r.int32())],
    2: [LENGTH_DELIMITED, (r) => message.pairs.push(...decodeOpenApiData(r.bytes()))],
    4: [LENGTH_DELIMITED, (r) => (message.svrkitApiName = decodeSvrkitApiName(r.bytes()))],
    6: [LENGTH_DELIMITED, (r) => (message.appid = r.string())],
  });
  return message;
}

export function encodeCommOpenApiResp(message: CommOpenApiResp): Buffer {
  const writer = Writer.create();
  if (message.respData) writer.uint32(tag(1, LENGTH_DELIMITED)).bytes(message.respData);
  if (message.contentType) writer.uint32(tag(2, LENGTH_DELIMITED)).string(message.contentType);
  if (message.errorCode) writer.uint32(tag(3, VARINT)).int32(message.errorCode);
  if (message.httpCode) writer.uint32(tag(4, VARINT)).uint32(message.httpCode);
  return Buffer.from(writer.finish());
}

function decodeOpenApiData(bytes: Uint8Array): KeyValuePair[] {
  const pairs: KeyValuePair[] = [];
  readFields(bytes, { 1: [LENGTH_DELIMITED, (r) => pairs.push(decodeKeyValuePair(r.bytes()))] });
  return pairs;
}

function decodeKeyValuePair(bytes: Uint8Array): KeyValuePair {
  const pair: KeyValuePair = { key: '', value: Buffer.alloc(0), contentType: '', filename: '' };
  readFields(bytes, {
    1: [LENGTH_DELIMITED, (r) => (pair.key = r.string())],
    2: [LENGTH_DELIMITED, (r) => (pair.value = Buffer.from(r.bytes()))],
    3: [LENGTH_DELIMITED, (r) => (pair.contentType = r.string())],
    4: [LENGTH_DELIMITED, (r) => (pair.filename = r.string())],
  });
  return pair;
}

function decodeSvrkitApiName(bytes: Uint8Array): string {
  let apiName = '';
  readFields(bytes, { 1: [LENGTH_DELIMITED, (r) => (apiName = r.string())] });
  return apiName;
}

type FieldReader = [wireType: number, read: (reader: Reader) => unknown];

/**
 * Walks the fields of one message. Unknown fields are skipped, as protobuf requires for forward
 * compatibility; a known field with the wrong wire type means the bytes are not this message.
 */
function readFields(bytes: Uint8Array, fields: Record<number, FieldReader>): void {
  const reader = Reader.create(bytes);
  while (reader.pos < reader.len) {
    const key = reader.uint32();
    const field = key >>> 3;
    const wireType = key & 7;
    if (field === 0) throw new Error('protobuf field number 0');
    const known = fields[field];
    if (!known) {
      reader.skipType(wireType);
      continue;
    }
    if (known[0] !== wireType)
      throw new Error(`protobuf field ${field} has wire type ${wireType}, expected ${known[0]}`);
    known[1](reader);
  }
}

function tag(field: number, wireType: number): number {
  return (field << 3) | wireType;
}
