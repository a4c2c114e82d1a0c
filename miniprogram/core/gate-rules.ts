import { TEMPERATURE_RANGE } from './api/gate';
import { decimal } from './validate';

/**
 * What a guard enters at the gate: the `gate` and `device` functions check these, and the guard's
 * scan page checks the same as the guard types.
 */

/** Body temperature, °C with one decimal, within what a thermometer at a gate reads; a fever is the rules' refusal, not the form's. */
export const temperature = decimal({
  label: '体温',
  min: TEMPERATURE_RANGE.min,
  max: TEMPERATURE_RANGE.max,
  decimals: 1,
});

/** The guard's typed temperature ('36.5'): what is wrong with it, or '' when the function will take it. */
export function temperatureProblem(text: string): string {
  if (!/^\d{2}(\.\d)?$/.test(text)) return '请填写体温，如 36.5';
  const parsed = temperature.parse(Number(text));
  return parsed.ok ? '' : parsed.issues[0].message;
}
