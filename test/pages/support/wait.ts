import { phoneClockInstalled } from './phone-clock';

/**
 * Pages answer asynchronously (a cloud call, a debounce, a navigation): tests wait for what the person would see,
 * never for a fixed time — and give up, saying what they waited for, well before jest's 30 s test timeout.
 *
 * The deadline is in real time. On the phone clock (phone-clock.ts) Date.now() is jest's fake clock, which follows
 * real time only while the event loop is free: a probe that decodes a QR code blocks it for a while each round, the
 * fake clock then crawled and a 10 s wait outlived the test, which failed only by jest's timeout.
 */
export async function waitUntil<T>(
  probe: () => T | undefined | null | false,
  description: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = realNow() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      // the node may not be rendered yet
      lastError = error;
    }
    if (realNow() > deadline) {
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function realNow(): number {
  return phoneClockInstalled() ? jest.getRealSystemTime() : Date.now();
}
