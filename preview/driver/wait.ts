/**
 * Waiting for what the screen shows: the preview paints after cloud calls and timers, so a test polls for the text
 * it expects rather than reading once.
 */
import type { Locator } from 'playwright-core';

/** Resolves once `probe` says yes (a probe that throws counts as no); fails after `timeoutMs` naming `what`. */
export async function waitFor(probe: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until `locator` shows `text` (white space aside: WXML text nodes bring line breaks and indents). */
export async function expectText(locator: Locator, text: string): Promise<void> {
  let last = '';
  await waitFor(async () => {
    last = normalize(await locator.innerText());
    return last.includes(normalize(text));
  }, `"${text}"`).catch((error: Error) => {
    throw new Error(`${error.message}; the screen shows "${last}"`);
  });
}

/** The text without white space, as the tests compare it. */
export function normalize(text: string): string {
  return text.replace(/\s+/g, '');
}
