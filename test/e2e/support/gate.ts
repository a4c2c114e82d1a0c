/**
 * The pass and the gate in the browser (R7, R8, P3–P5): the resident pass QR on home, read from the canvas's
 * pixels; the guard's 门岗扫码 page, whose camera is the preview's scanCode dialog; and the openings localcloud's
 * door-controller stand-in recorded (`GET /_dev/doors`).
 */
import { PAGES } from '../../support/pages';
import type { PreviewPhone, RunningPreview } from './preview-app';
import { normalize, waitFor } from '../../../preview/driver/wait';

export const GUARD_PAGE = PAGES.guardScan;

export interface DoorOpening {
  /** the door's id */
  recipient: string;
  at: number;
}

/** The openings localcloud's door-controller stand-in recorded. */
export async function doorOpenings(app: RunningPreview): Promise<DoorOpening[]> {
  const response = await fetch(`${app.cloud.lc.url}/_dev/doors`);
  return ((await response.json()) as { openings: DoorOpening[] }).openings;
}

/** The resident pass on home, as its QR code says (and differing from `previous`, when given). */
export async function passCodeOnHome(phone: PreviewPhone, previous?: string): Promise<string> {
  await phone.waitForPage(PAGES.home);
  return phone.qrCode(PAGES.home, 'pass-card__code', previous);
}

/** 我的 → 门岗扫码, and the gate the guard stands at, picked from the site's doors (a new phone remembers none). */
export async function openGuardPage(phone: PreviewPhone, gate: string): Promise<void> {
  await phone.openTab(PAGES.mine);
  await phone.tap(PAGES.mine, 'entry-guard');
  await phone.waitForPage(GUARD_PAGE);
  const option = phone.node(GUARD_PAGE, 'gate-option').filter({ hasText: gate }).first();
  await option.tap();
  await waitFor(
    async () => ((await option.getAttribute('class')) ?? '').includes('gate-option--chosen'),
    `the gate ${gate} chosen`,
  );
}

/**
 * The guard taps `button` (扫码, or 继续扫码 after an outcome) and shows the camera `code`; resolves, once the gate
 * has answered, with what the page says about the pass — whose it is, or the outcome — without white space. (An
 * answer is told from the screen before by its text: scanning must change what the page says.)
 */
export async function scanAtGate(phone: PreviewPhone, code: string, button = 'scan-button'): Promise<string> {
  const page = phone.node(GUARD_PAGE, 'guard');
  const holder = phone.node(GUARD_PAGE, 'holder');
  const outcome = phone.node(GUARD_PAGE, 'outcome');
  const before = normalize(await page.innerText());
  await phone.tapButton(GUARD_PAGE, button);
  await phone.answerScan(code);
  await waitFor(async () => {
    const checking = (await phone.node(GUARD_PAGE, 'guard__state').count()) > 0;
    const answered = (await holder.count()) + (await outcome.count()) > 0;
    return !checking && answered && normalize(await page.innerText()) !== before;
  }, 'the gate to check the pass');
  return normalize(await ((await outcome.count()) > 0 ? outcome : holder).innerText());
}

/** 放行; resolves with the outcome the page shows, without white space. */
export async function releaseAtGate(phone: PreviewPhone): Promise<string> {
  await phone.tapButton(GUARD_PAGE, 'release-button');
  const outcome = phone.node(GUARD_PAGE, 'outcome');
  await outcome.waitFor();
  return normalize(await outcome.innerText());
}
