/**
 * Pages answer asynchronously (a cloud call, a debounce, a navigation): tests wait for what the person would see,
 * never for a fixed time.
 */
export async function waitUntil<T>(
  probe: () => T | undefined | null | false,
  description: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      // the node may not be rendered yet
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
