/**
 * Helpers for the visitor pages (packages/visitors): fill the booking form as a person does (the two times through
 * the date-time picker's confirm), book straight through the `visitor` function for tests about what comes after,
 * and read a booking's rows.
 */
import { randomUUID } from 'node:crypto';
import type { VisitDetail, VisitInput, VisitorSettings } from '../../../miniprogram/core/api/visitor';
import type { Envelope } from '../../../miniprogram/core/envelope';
import type { AppCloud } from '../../support/app-cloud';
import { HX } from '../../support/fixtures';
import { PAGES } from '../../support/pages';
import { LEGAL_EDITION } from '../../../miniprogram/core/consent';
import { VISITOR_ID } from '../../support/visitors';
import { agree, agreed, fill } from './account';
import type { MiniProgram } from './mini-program';
import { readableText, type PageDriver } from './page-driver';
import { waitUntil } from './wait';

export const VISIT_PAGES = {
  book: PAGES.bookVisit,
  invite: PAGES.inviteVisitor,
  mine: PAGES.myVisits,
  detail: PAGES.visitDetail,
  inbox: PAGES.visitInbox,
  approval: PAGES.visitApproval,
} as const;

const SHANGHAI_MS = 8 * 3600_000;

/** `YYYY-MM-DD HH:00` in Shanghai, `days` from now, at `hour`: what the picker hands back. */
export function wallClockIn(days: number, hour: number): string {
  const day = new Date(Date.now() + SHANGHAI_MS + days * 86_400_000).toISOString().slice(0, 10);
  return `${day} ${String(hour).padStart(2, '0')}:00`;
}

export const isoOf = (wall: string) => `${wall.replace(' ', 'T')}:00+08:00`;

/** The form once the site's settings are on it (or a state instead of it). */
export async function openedForm(mp: MiniProgram, route: string = VISIT_PAGES.book): Promise<PageDriver> {
  const page = await mp.waitForPage(route);
  await waitUntil(() => page.has('.field-visitorName') || page.has('.visit-state__action'), 'the form or its state');
  return page;
}

/** The TDesign date-time picker's own handlers: its columns as a person scrolls them, and its 确定. */
interface DateTimePicker {
  data: { visible: boolean; columnsValue: string[] };
  onColumnChange(event: { detail: { value: string[]; column: number } }): void;
  onConfirm(): void;
}

/**
 * The person taps 开始时间 or 结束时间, scrolls the picker's columns (year, month, day, hour, minute) to `wall` and
 * taps 确定: the picker's own code computes the value the page receives.
 */
export async function pickTime(page: PageDriver, field: 'startsAt' | 'endsAt', wall: string): Promise<void> {
  page.tap(`.field-${field}`);
  const picker = await waitUntil(() => {
    const node = page.find('.time-picker');
    const instance = node?.instance as unknown as DateTimePicker | undefined;
    return instance?.data.visible ? instance : undefined;
  }, 'the date-time picker to open');
  const parts = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(wall);
  if (!parts) throw new Error(`not a picker value: ${wall}`);
  const [year, month, day, hour, minute] = parts.slice(1).map(Number);
  [year, month - 1, day, hour, minute].forEach((value, column) => {
    const columns = [...picker.data.columnsValue];
    columns[column] = String(value);
    picker.onColumnChange({ detail: { value: columns, column } });
  });
  picker.onConfirm();
  await waitUntil(() => !picker.data.visible, 'the date-time picker to close');
}

/** What a chosen field (场区, the times) says under it, or ''. */
export function choiceTip(page: PageDriver, field: 'startsAt' | 'endsAt'): string {
  return page.has(`.${field}-tips`) ? page.text(`.${field}-tips`) : '';
}

export interface Booking {
  hostName: string;
  hostPhone: string;
  visitorName: string;
  visitorPhone: string;
  purpose: string;
  startsAt: string;
  endsAt: string;
  /** 证件号码: 海信慧园 (the demo) requires it */
  idNumber: string;
}

/** A visit tomorrow 14:00–16:00 to 张伟 (海信慧园 3栋2单元301). */
export function tomorrowsVisit(): Booking {
  return {
    hostName: '张伟',
    hostPhone: '13912340001',
    visitorName: '赵六',
    visitorPhone: '13700000001',
    purpose: '探亲访友',
    startsAt: wallClockIn(1, 14),
    endsAt: wallClockIn(1, 16),
    idNumber: VISITOR_ID,
  };
}

/** Fills the booking form (the host only where the form has it). */
export async function fillBooking(page: PageDriver, booking: Booking): Promise<void> {
  if (page.has('.field-hostName')) {
    await fill(page, 'hostName', booking.hostName);
    await fill(page, 'hostPhone', booking.hostPhone);
  }
  await fill(page, 'visitorName', booking.visitorName);
  await fill(page, 'visitorPhone', booking.visitorPhone);
  await fill(page, 'purpose', booking.purpose);
  await pickTime(page, 'startsAt', booking.startsAt);
  await pickTime(page, 'endsAt', booking.endsAt);
  // the ID number where the site asks for it: only after the consent line is ticked
  if (page.has('.field-idNumber')) {
    if (!agreed(page)) await agree(page);
    await fill(page, 'idNumber', booking.idNumber);
  }
}

async function ask<T>(cloud: AppCloud, openid: string, event: Record<string, unknown>): Promise<T> {
  const answer = await cloud.call<Envelope<T>>('visitor', { requestId: randomUUID(), ...event }, openid);
  if (!answer.ok) throw new Error(`visitor.${String(event.action)}: ${answer.code} ${answer.message}`);
  return answer.data;
}

/** The site's visitor form settings, as the function gives them. */
export async function settingsOf(cloud: AppCloud, openid: string, siteId = HX): Promise<VisitorSettings> {
  return (await ask<{ settings: VisitorSettings }>(cloud, openid, { action: 'settings', siteId })).settings;
}

/**
 * Books straight through the function (no face, the ID number only where the site shows the field), for tests about
 * what comes after.
 */
export async function bookDirectly(
  cloud: AppCloud,
  openid: string,
  booking: Booking = tomorrowsVisit(),
  extra: Partial<VisitInput> = {},
): Promise<VisitDetail> {
  const { idNumber, ...rest } = booking;
  const settings = await settingsOf(cloud, openid);
  const id = settings.fields.idNumber.show ? { idNumber, consentEdition: LEGAL_EDITION } : {};
  const input = { ...rest, ...id, startsAt: isoOf(booking.startsAt), endsAt: isoOf(booking.endsAt), siteId: HX };
  return (await ask<{ visit: VisitDetail }>(cloud, openid, { action: 'book', ...input, ...extra })).visit;
}

/** A booking's rows (detail or approval page) as a record: `{ 受访人姓名: '张伟', … }`. */
export function visitRows(page: PageDriver): Record<string, string> {
  return Object.fromEntries(
    page
      .findAll('.visit-row')
      .map((row) => [readableText(row, '.t-cell__title-text'), readableText(row, '.t-cell__note')]),
  );
}

/** The list rows of 我的预约 or 访客审批, as read. */
export async function shownVisits(page: PageDriver): Promise<string[]> {
  await waitUntil(() => page.has('.visit-item') || page.has('.t-empty'), 'the bookings');
  return page.findAll('.visit-item').map((item) => readableText(item));
}
