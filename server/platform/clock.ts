/**
 * The one clock server code reads. In production it is the machine's; under localcloud it is
 * shifted by `LOCALCLOUD_CLOCK_OFFSET_MS` (set per invocation from `/_dev/clock`), so tests can
 * cross midnights and expiry edges; a frozen clock comes as `LOCALCLOUD_CLOCK_FROZEN_AT_MS`. Days, periods and windows are computed from it in
 * Asia/Shanghai by miniprogram/core, never from the server's own time zone.
 */
export function now(): Date {
  // localcloud's clock stopped by a test (`/_dev/clock` frozen): every read in the invocation is that one instant
  const frozenAt = Number(process.env.LOCALCLOUD_CLOCK_FROZEN_AT_MS);
  if (process.env.LOCALCLOUD_CLOCK_FROZEN_AT_MS && Number.isFinite(frozenAt)) return new Date(frozenAt);
  return new Date(Date.now() + clockOffsetMs());
}

function clockOffsetMs(): number {
  const offset = Number(process.env.LOCALCLOUD_CLOCK_OFFSET_MS ?? 0);
  return Number.isFinite(offset) ? offset : 0;
}
