import { CronError, parseCron } from '../../localcloud/functions/cron';

// The platform's 7-field cron (second minute hour day month weekday year), matched in Beijing time (UTC+8).

const next = (expression: string, after: string) => {
  const at = parseCron(expression).next(Date.parse(after));
  return at === undefined ? undefined : new Date(at).toISOString();
};

test('every minute at second 0, and every second', () => {
  expect(next('0 */1 * * * * *', '2026-12-01T02:00:00.000Z')).toBe('2026-12-01T02:01:00.000Z');
  expect(next('0 * * * * * *', '2026-12-01T02:00:59.999Z')).toBe('2026-12-01T02:01:00.000Z');
  expect(next('* * * * * * *', '2026-12-01T02:00:00.400Z')).toBe('2026-12-01T02:00:01.000Z');
});

test('hours are Beijing hours: 02:00 on the 1st of each month is 18:00 UTC the day before', () => {
  expect(next('0 0 2 1 * * *', '2026-12-05T00:00:00Z')).toBe('2026-12-31T18:00:00.000Z');
});

test('lists, ranges, steps, names and years', () => {
  expect(next('0 0,30 9-10 * * * *', '2026-12-01T01:10:00Z')).toBe('2026-12-01T01:30:00.000Z');
  expect(next('0 5/20 * * * * *', '2026-12-01T01:26:00Z')).toBe('2026-12-01T01:45:00.000Z');
  expect(next('0 0 0 * * MON *', '2026-12-01T00:00:00Z')).toBe('2026-12-06T16:00:00.000Z');
  expect(next('0 0 0 1 JAN * 2028', '2026-12-01T00:00:00Z')).toBe('2027-12-31T16:00:00.000Z');
  expect(next('0 0 0 1 1 * 2020', '2026-12-01T00:00:00Z')).toBeUndefined();
});

test('day and weekday both restricted: either matches, as in classic cron', () => {
  // Dec 2026 in Beijing: the 1st is a Tuesday; Sunday the 6th comes before the 15th
  expect(next('0 0 0 15 * 0 *', '2026-12-01T00:00:00Z')).toBe('2026-12-05T16:00:00.000Z');
});

test.each([
  ['0 */1 * * *', /7: second minute hour day month weekday year/],
  ['0 61 * * * * *', /minute field: 61 is outside 0-59/],
  ['0 0 0 ? * * *', /day field: "\?" is not a number/],
  ['0 */0 * * * * *', /step "\/0"/],
  ['0 0 10-2 * * * *', /runs backwards/],
  ['0 0 0 * FOO * *', /month field: "FOO" is not a number or a name/],
  ['0 0 0 1,,2 * * *', /empty list item/],
])('"%s" is refused', (expression, message) => {
  expect(() => parseCron(expression)).toThrow(CronError);
  expect(() => parseCron(expression)).toThrow(message);
});
