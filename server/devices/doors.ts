import { createHmac } from 'node:crypto';
import { AppError } from '../platform/errors';
import { Repository, type Stored } from '../platform/repository';
import { secret } from '../platform/secrets';

/** A door (门禁) of a site that residents may open by shaking their phone (R8). */
export interface Door extends Stored {
  siteId: string;
  /** 东门 */
  name: string;
  /** the door shake-to-open uses when none is chosen */
  isDefault?: boolean;
  /** the door controller's command URL; under localcloud its stand-in is used when absent */
  controllerUrl?: string;
  status: 'active' | 'disabled';
}

export class DoorRepository extends Repository<Door> {
  constructor() {
    super('doors');
  }

  /** The site's doors in use, in name order (a site has a few gates, not hundreds). */
  activeAt(siteId: string): Promise<Door[]> {
    return this.find({ siteId, status: 'active' }, { orderBy: [['name', 'asc']], limit: 100 });
  }
}

/**
 * Commands a door controller to open, over HTTPS: `POST <controllerUrl>` with a JSON body
 * `{door, requestId, at}` and headers `X-Tongxing-Timestamp` (unix seconds) and
 * `X-Tongxing-Signature` = hex HMAC-SHA256(DOOR_CONTROLLER_KEY, timestamp + "\n" + body).
 * docs/devices.md specifies it for controller makers. A retry with the same requestId may open
 * the door twice, which is harmless; it never counts an exit twice (the quota is keyed by it).
 */
export async function openDoor(door: Door, requestId: string, now: Date): Promise<void> {
  const url = door.controllerUrl ?? localStandIn(door);
  const body = JSON.stringify({ door: door._id, requestId, at: now.toISOString() });
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const signature = createHmac('sha256', secret('DOOR_CONTROLLER_KEY')).update(`${timestamp}\n${body}`).digest('hex');
  let status: number;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-tongxing-timestamp': timestamp,
        'x-tongxing-signature': signature,
      },
      body,
      signal: AbortSignal.timeout(3000),
    });
    status = res.status;
  } catch (error) {
    console.error(`[door] ${door._id} did not answer`, error instanceof Error ? error.message : error);
    throw new AppError('INTERNAL', '门禁暂时无法连接，请稍后再试或找门岗');
  }
  if (status !== 200) {
    console.error(`[door] ${door._id} refused the command with HTTP ${status}`);
    throw new AppError('INTERNAL', '门禁暂时无法开启，请稍后再试或找门岗');
  }
}

function localStandIn(door: Door): string {
  const local = process.env.LOCALCLOUD_URL;
  if (!local) {
    console.error(`[door] ${door._id} has no controllerUrl`);
    throw new AppError('INTERNAL', '该门禁尚未接入，请找门岗');
  }
  return `${local}/_doors/${encodeURIComponent(door._id)}/open`;
}
