import type { ShakeOpenResponse } from '../../miniprogram/core/api/gate';
import { openDoor, type Door } from '../devices/doors';
import { AppError } from '../platform/errors';
import {
  AccessRecords,
  accessRecord,
  recordingRefusals,
  refusalOf,
  requestRecordId,
  type RecordFacts,
} from './access-records';
import { UserRepository } from '../people/users';
import { exitAllowance, quotaRefusal } from './allowance';
import { loadResident } from './context';
import { ExitCounters } from './exit-quota';

/** a resident may shake the door open once every few seconds: a second shake is not a second exit */
export const SHAKE_INTERVAL_MS = 5_000;

export interface ShakeRequest {
  openid: string;
  siteId: string;
  doorId?: string;
  now: Date;
  requestId: string;
}

/**
 * 摇一摇开门 (R8): opens a door of the resident's site under the same rules as their pass — the
 * windows, the house's restriction and the exit quota — and records the opening (or the refusal)
 * under the request's own id, so a retry finds the first outcome and answers it again: neither a
 * second opening, nor a second exit, nor a different word.
 */
export async function shakeOpen(request: ShakeRequest): Promise<ShakeOpenResponse> {
  const { now, requestId } = request;
  // the opening (or refusal) is recorded under the request's own id: its retry finds it
  const recordId = requestRecordId(request.openid, requestId);
  const view = await loadResident(request.openid, request.siteId, now, recordId);
  const { user, site, house, doors } = view;
  if (view.record?.kind === 'open') return openingAnswer(view.record, doors);
  if (view.record?.kind === 'refusal') throw refusalOf(view.record);
  const door = request.doorId
    ? doors.find((d) => d._id === request.doorId)
    : (doors.find((d) => d.isDefault) ?? doors[0]);
  if (!door) throw new AppError('NOT_FOUND', '该场区没有可用的门禁');
  const facts: RecordFacts = {
    siteId: site._id,
    at: now,
    actor: { kind: 'resident', id: user._id },
    gate: door.name,
    holder: { id: user._id, name: user.name },
    house: { id: house._id, label: house.label },
    requestId,
  };
  return recordingRefusals(
    facts,
    async () => {
      // passes taken back by the property (X4) open no door either
      if (view.membership.passRevoked) throw new AppError('PASS_REVOKED', '您的通行证已被物业收回，请联系物业');
      const { settings, period, limit, subject, used } = exitAllowance(site, house, user._id, view.counters, now);
      // a door cannot take a temperature or register an ID: those releases belong to the guard
      if (settings.requireTemperature) {
        throw new AppError('TEMPERATURE_REQUIRED', '本小区出入需测量体温，请到门岗扫码通行');
      }
      if (settings.requireIdRegistration && !user.idNumber) throw new AppError('ID_REGISTRATION_REQUIRED');
      await takeCalmWindow(user._id, now);

      const counters = new ExitCounters();
      if (limit !== null && !(await counters.take(subject, period, limit, recordId))) {
        throw quotaRefusal(period, limit, now);
      }
      try {
        await openDoor(door, requestId, now);
      } catch (error) {
        // the door stayed shut: the exit this request counted, and its calm window, are its own to
        // give back, so the resident may shake again at once
        if (limit !== null) await counters.giveBack(subject, period, recordId);
        await giveBackCalmWindow(user._id, now);
        throw error;
      }
      const exitsLeft = limit === null ? null : Math.max(0, limit - used - 1);
      // `put`, not `add`: a copy of this request that was refused a moment ago must not outlive the opening
      const record = accessRecord.open(facts, recordId, { id: door._id }, exitsLeft);
      await new AccessRecords().put(record);
      return openingAnswer(record, doors);
    },
    { id: recordId },
  );
}

/** One shake every few seconds per resident, claimed atomically so two phones (or two taps) open once. */
async function takeCalmWindow(userId: string, now: Date): Promise<void> {
  const users = new UserRepository();
  const _ = users.command();
  const calm = await users.updateWhere(
    { _id: userId, lastShakeOpenAt: _.not(_.gt(new Date(now.getTime() - SHAKE_INTERVAL_MS))) },
    { lastShakeOpenAt: now },
  );
  if (calm !== 1) throw new AppError('RATE_LIMITED', '操作太频繁，请稍后再摇');
}

/** Frees the calm window this shake took, unless a later shake has taken it since. */
async function giveBackCalmWindow(userId: string, takenAt: Date): Promise<void> {
  const users = new UserRepository();
  await users.updateWhere({ _id: userId, lastShakeOpenAt: takenAt }, { lastShakeOpenAt: users.command().remove() });
}

function openingAnswer(
  record: { gate?: string; doorId?: string; exitsLeft?: number | null },
  doors: Door[],
): ShakeOpenResponse {
  const door = doors.find((d) => d._id === record.doorId);
  return {
    opened: true,
    door: { id: record.doorId ?? '', name: door?.name ?? record.gate ?? '' },
    remaining: record.exitsLeft ?? null,
  };
}
