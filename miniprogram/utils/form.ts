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

/** What a form page puts on screen after a check; `notice` is cleared when the person edits. */
export interface FormPatch<F extends string> {
  form: Record<F, string>;
  errors: Record<F, string>;
  canSubmit: boolean;
  notice?: string;
}

/**
 * One form's as-you-type checking: remembers which fields the person has left and turns each input or blur
 * into what to set on screen. A page keeps one per visit (made in onLoad) and hands it its events.
 */
export class LiveForm<F extends string> {
  private readonly touched = new Set<F>();

  constructor(private readonly rules: Record<F, FieldRule<F>>) {}

  /** After typing in an input with `data-field`; undefined when the input is not one of this form's fields. */
  afterInput(
    event: WechatMiniprogram.CustomEvent<{ value: string }>,
    form: Record<F, string>,
  ): FormPatch<F> | undefined {
    const field = fieldOf(event, this.rules);
    return field ? this.check({ ...form, [field]: event.detail.value }, true) : undefined;
  }

  /** After leaving an input: from now on its problem shows. */
  afterBlur(event: WechatMiniprogram.CustomEvent, form: Record<F, string>): FormPatch<F> | undefined {
    const field = fieldOf(event, this.rules);
    return field ? this.touch([field], form) : undefined;
  }

  /** Shows the problems of `fields` (e.g. the phone, when a code is asked for before it is valid). */
  touch(fields: F[], form: Record<F, string>): FormPatch<F> {
    for (const field of fields) this.touched.add(field);
    return this.check(form, false);
  }

  /** `edited`: the person changed the form, which answers the refusal on screen: it goes until the next try. */
  check(form: Record<F, string>, edited: boolean): FormPatch<F> {
    const { errors, valid } = checkForm(this.rules, form, this.touched);
    return { form, errors, canSubmit: valid, ...(edited ? { notice: '' } : {}) };
  }
}
