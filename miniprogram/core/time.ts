/**
 * Time in Asia/Shanghai. China has kept UTC+8 with no daylight saving since 1991, so a fixed offset
 * is exact; server code never relies on the machine's time zone (SCF runs in UTC).
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The calendar date in Asia/Shanghai, `YYYY-MM-DD`: natural days for quotas and daily caps. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant the next Asia/Shanghai day starts. */
export function nextShanghaiMidnight(at: Date): Date {
  const local = at.getTime() + SHANGHAI_OFFSET_MS;
  const startOfNextLocalDay = (Math.floor(local / 86_400_000) + 1) * 86_400_000;
  return new Date(startOfNextLocalDay - SHANGHAI_OFFSET_MS);
}
