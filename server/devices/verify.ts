import { temperature } from '../../miniprogram/core/gate-rules';
import { object, optional, string } from '../../miniprogram/core/validate';
import { recordingRefusals, type RecordFacts } from '../passes/access-records';
import { loadDevicePass } from '../passes/context';
import { checkPass, genuineClaims, MAX_CODE_LENGTH } from '../passes/pass-codes';
import { passFacts, passOrRefusal, releasePass } from '../passes/release';
import { now } from '../platform/clock';
import { AppError } from '../platform/errors';
import { takeMinuteAllowance } from '../platform/rate-limit';
import { checkDeviceRequest, useNonce, type SignedRequest } from './qr-devices';

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
  const { device, pass } = await loadDevicePass(deviceId, claims, at);
  const trusted = checkDeviceRequest(device, signed, at);
  if (!trusted.ok || !device)
    return answer(401, { result: 'error', message: trusted.ok ? 'unknown device' : trusted.reason });
  if (!(await useNonce(device._id, signed.nonce, at))) {
    return answer(401, { result: 'error', message: 'nonce already used' });
  }
  // a device scans people one at a time: more than this a minute is a fault or an attack
  if (!(await takeMinuteAllowance('device', device._id, DEVICE_REQUESTS_PER_MINUTE, at))) {
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
    requestId: `${device._id}-${signed.nonce}`,
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
        return releasePass(released, { now: at, facts, temperature: input.value.temperature });
      },
      { code: claims ? undefined : input.value.code },
    );
    return answer(200, {
      result: 'open',
      holder: { name: record.holderName, house: record.house },
      at: at.toISOString(),
    });
  } catch (error) {
    if (!(error instanceof AppError) || error.code === 'INTERNAL') throw error;
    return refusal(error.code, error.message);
  }
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
