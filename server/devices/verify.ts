import { temperature } from '../../miniprogram/core/gate-rules';
import { object, optional, string } from '../../miniprogram/core/validate';
import { recordingRefusals, requestRecordId, type RecordFacts } from '../passes/access-records';
import { loadDevicePass } from '../passes/context';
import { checkPass, genuineClaims, MAX_CODE_LENGTH } from '../passes/pass-codes';
import { passFacts, passOrRefusal, releasePass } from '../passes/release';
import { now } from '../platform/clock';
import { AppError } from '../platform/errors';
import { minuteCounterId, takeReadMinuteAllowance } from '../platform/rate-limit';
import { checkDeviceRequest, type SignedRequest } from './qr-devices';

/**
 * 门禁二维码 (P5): a QR door device asks to verify and use up a pass (docs/devices.md gives the order
 * of the checks and every answer). The device proves who it is before a word is said about the code.
 */

/** What the device is answered: an HTTP status and a JSON body. */
export interface DeviceAnswer {
  status: number;
  body: object;
}

const DEVICE_REQUESTS_PER_MINUTE = 60;
const requestBody = object({
  code: string({ label: '通行码', max: MAX_CODE_LENGTH }),
  temperature: optional(temperature),
});

/** `deviceId` and the nonce are well formed (the function checked them); the rest is checked here. */
export async function verifyAtDevice(deviceId: string, signed: SignedRequest): Promise<DeviceAnswer> {
  const body = signed.body;
  // Nothing is said about the code until the device has proven who it is: only then is the body
  // parsed for an answer. The code's own signature is checked beforehand (no database, no answer),
  // so that the device and the pass are still read in one database call.
  const json = parseJson(body);
  const code = isRecord(json) ? json.code : undefined;
  const claims = genuineClaims(code);
  const at = now();
  // A request that reached a decision is answered once: its refusal is recorded under a fixed id from the device and
  // the nonce, its release record carries the same request id. Both are read with the device (no nonce store, no
  // extra call); a request sent again — a replay, for devices never retry with the same nonce — is refused.
  const recordId = requestRecordId(`device:${deviceId}`, signed.nonce);
  const requestId = `${deviceId}-${signed.nonce}`;
  const { device, pass, earlier, minuteCounter } = await loadDevicePass(deviceId, claims, at, {
    recordId,
    minuteCounterId: minuteCounterId('device', deviceId, at),
  });
  const trusted = checkDeviceRequest(device, signed, at);
  if (!trusted.ok || !device)
    return answer(401, { result: 'error', message: trusted.ok ? 'unknown device' : trusted.reason });
  if (earlier || pass?.released?.requestId === requestId) return nonceUsed();
  // a device scans people one at a time: more than this a minute is a fault or an attack
  if (!(await takeReadMinuteAllowance('device', device._id, DEVICE_REQUESTS_PER_MINUTE, at, minuteCounter))) {
    return answer(429, { result: 'error', message: 'too many requests' });
  }
  if (json === undefined) return answer(400, { result: 'error', message: 'body is not JSON' });
  const input = requestBody.parse(json);
  if (!input.ok) return answer(400, { result: 'error', message: input.issues[0].message });

  const facts: RecordFacts = {
    siteId: device.siteId,
    at,
    actor: { kind: 'device', id: device._id, name: device.name },
    gate: device.gate,
    ...passFacts(claims, pass),
    requestId,
  };
  try {
    const record = await recordingRefusals(
      facts,
      () => {
        const released = passOrRefusal(checkPass(input.value.code, { site: device.siteId, now: at }), pass);
        // P5: devices release only where the site chose 门禁二维码; by default guards release
        if (released.site?.releaseMode !== 'device') {
          throw new AppError('FORBIDDEN', '本小区未开通门禁二维码放行，请到门岗扫码');
        }
        // an exit slip's goods are checked by a guard: the slip is released at the gate, not by a device
        if (released.claims.typ === 'exitSlip') throw new AppError('FORBIDDEN', '出门条请到门岗由保安核对物品后放行');
        return releasePass(released, {
          now: at,
          facts,
          temperature: input.value.temperature,
          replayed: () => new ReplayedRequest(),
        });
      },
      { id: recordId, code: claims ? undefined : input.value.code },
    );
    return answer(200, {
      result: 'open',
      holder: { name: record.holderName, house: record.house },
      at: at.toISOString(),
    });
  } catch (error) {
    // the same request twice at once: the one that wrote the release opened the door
    if (error instanceof ReplayedRequest) return nonceUsed();
    if (!(error instanceof AppError) || error.code === 'INTERNAL') throw error;
    return refusal(error.code, error.message);
  }
}

/** Not an AppError: a replay is not a decision about the pass, and leaves no record. */
class ReplayedRequest extends Error {}

function nonceUsed(): DeviceAnswer {
  return answer(401, { result: 'error', message: 'nonce already used' });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refusal(code: string, message: string): DeviceAnswer {
  return answer(200, { result: 'refuse', code, message });
}

function answer(status: number, body: object): DeviceAnswer {
  return { status, body };
}
