/**
 * The one clock server code reads. In production it is the machine's; under localcloud it is
 * shifted by `LOCALCLOUD_CLOCK_OFFSET_MS` (set per invocation from `/_dev/clock`), so tests can
 * cross midnights and expiry edges. Days, periods and windows are computed from it in
 * Asia/Shanghai by miniprogram/core, never from the server's own time zone.
 */
export function now(): Date {
  return new Date(Date.now() + clockOffsetMs());
}

function clockOffsetMs(): number {
  const offset = Number(process.env.LOCALCLOUD_CLOCK_OFFSET_MS ?? 0);
  return Number.isFinite(offset) ? offset : 0;
}
