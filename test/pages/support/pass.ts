/**
 * Helpers for the pass and the gate (home's QR, 摇一摇, the guard's scan page): read the QR home drew — decoded
 * from the pixels, not taken from the page's data — and what localcloud's door stand-in recorded. The site's
 * rules are set as an administrator would, with test/support/fixtures.ts.
 */
import type { AppCloud } from '../../support/app-cloud';
import { canvasOn } from './canvas';
import type { MiniProgram } from './mini-program';
import { readableText, type PageDriver } from './page-driver';
import { waitUntil } from './wait';

export const GUARD_PAGE = 'packages/guard/pages/scan/index';

/**
 * The code in the QR on home, once one is drawn (and differs from `previous`, when given). `waitingFor` says why a
 * new one should come (it is in the failure message), `timeoutMs` how long that may take.
 */
export function passCode(
  home: PageDriver,
  previous?: string,
  { waitingFor, timeoutMs }: { waitingFor?: string; timeoutMs?: number } = {},
): Promise<string> {
  return waitUntil(
    () => {
      const code = canvasOn(home, '#pass-qr')?.decodeQr();
      return code !== previous && code;
    },
    (previous ? 'a new pass QR on home' : 'the pass QR on home') + (waitingFor ? `: ${waitingFor}` : ''),
    timeoutMs,
  );
}

/** What the pass card says, once it says something other than 正在获取通行证…. */
export function passCard(home: PageDriver): Promise<string> {
  return waitUntil(() => {
    const text = home.has('.pass-card') ? home.text('.pass-card') : '';
    return text && !text.includes('正在获取') ? text : undefined;
  }, 'the pass card');
}

export interface DoorOpening {
  /** the door's id */
  recipient: string;
  at: number;
}

/** The openings localcloud's door-controller stand-in recorded (`GET /_dev/doors`). */
export async function doorOpenings(cloud: AppCloud): Promise<DoorOpening[]> {
  const response = await fetch(`${cloud.lc.url}/_dev/doors`);
  return ((await response.json()) as { openings: DoorOpening[] }).openings;
}

/** The gates the guard's page offers, as the guard reads them; the chosen one marked with a leading ✓. */
export function gateOptions(page: PageDriver): string[] {
  return page.findAll('.gate-option').map((node) => {
    const chosen = node.toJSON().attrs.find((attr) => attr.name === 'ariaChecked')?.value === true;
    return (chosen ? '✓' : '') + readableText(node);
  });
}

/** The guard taps the gate they stand at, once the site's gates are listed. */
export async function chooseGate(page: PageDriver, gate: string): Promise<void> {
  const option = await waitUntil(
    () => page.findAll('.gate-option').find((node) => readableText(node) === gate),
    `the gate ${gate} to pick`,
  );
  page.tap(option);
  await waitUntil(() => gateOptions(page).includes(`✓${gate}`), `${gate} chosen`);
}

/**
 * The guard points the camera at `code` and taps `button` (扫码, or 继续扫码 after a release); resolves with what
 * the page shows once the gate has answered: the holder and the form, or the outcome.
 */
export async function scanAtGate(mp: MiniProgram, code: string, button = '.scan-button'): Promise<string> {
  const page = mp.currentPage;
  const scans = mp.phone.calls.scanCode.length;
  mp.phone.scanner.next = code;
  page.tap(button, '.t-button');
  await waitUntil(() => mp.phone.calls.scanCode.length > scans, 'the camera');
  return waitUntil(
    () => !page.has('.guard__state') && (page.has('.holder') || page.has('.outcome')) && page.text('.guard'),
    'the gate to check the pass',
  );
}

/** 放行; resolves with what the page shows once the gate answered (or the form's problems, when it was not asked). */
export async function releaseAtGate(mp: MiniProgram): Promise<string> {
  const page = mp.currentPage;
  page.tap('.release-button', '.t-button');
  // the tap reaches the page a macrotask later; then its call is in flight until answered
  await new Promise((resolve) => setTimeout(resolve, 0));
  await mp.settled();
  await new Promise((resolve) => setTimeout(resolve, 0));
  return page.text('.guard');
}
