/**
 * Form checking as the person types, with the rules of miniprogram/core (the cloud function checks the same).
 * A field's problem is shown once the person has left the field (blur) or asked for something that needs it, and
 * from then on follows every keystroke, so nobody is scolded for a phone number they are still typing.
 */
import type { Schema } from '../core/validate';

/** '' when the value is fine, otherwise what to tell the person; `form` is there for rules across fields. */
export type FieldRule<F extends string> = (value: string, form: Readonly<Record<F, string>>) => string;

/** A required field checked by a core schema: its first problem, in the schema's own words. */
export function required<F extends string>(schema: Schema<unknown>): FieldRule<F> {
  return (value) => {
    const parsed = schema.parse(value);
    return parsed.ok ? '' : (parsed.issues[0]?.message ?? '');
  };
}

/** An optional field: empty is fine, anything typed must pass the schema. */
export function optional<F extends string>(schema: Schema<unknown>): FieldRule<F> {
  const rule = required<F>(schema);
  return (value, form) => (value.trim() === '' ? '' : rule(value, form));
}

export interface FormCheck<F extends string> {
  /** what each field shows now ('' for nothing) */
  errors: Record<F, string>;
  /** every rule passes: the form may be sent */
  valid: boolean;
}

export function checkForm<F extends string>(
  rules: Record<F, FieldRule<F>>,
  form: Readonly<Record<F, string>>,
  touched: ReadonlySet<F>,
): FormCheck<F> {
  const fields = Object.keys(rules) as F[];
  const errors = {} as Record<F, string>;
  let valid = true;
  for (const field of fields) {
    const problem = rules[field](form[field], form);
    if (problem) valid = false;
    errors[field] = touched.has(field) ? problem : '';
  }
  return { errors, valid };
}

/** The field named by the `data-field` of the input that sent an event. */
export function fieldOf<F extends string>(
  event: WechatMiniprogram.CustomEvent,
  rules: Record<F, unknown>,
): F | undefined {
  const field: unknown = (event.currentTarget.dataset as Record<string, unknown>).field;
  return typeof field === 'string' && Object.prototype.hasOwnProperty.call(rules, field) ? (field as F) : undefined;
}
