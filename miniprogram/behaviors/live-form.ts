/**
 * The as-you-type checking every form page wires the same way (utils/form.ts), as a Behavior fed by the page's
 * rule table: the page's inputs carry `data-field` and bind `onFieldChange` / `onFieldBlur`; the page itself
 * keeps only what is its own (sending, what to do with the answer). The form starts blank, one '' per rule.
 */
import { type FieldRule, LiveForm } from '../utils/form';

type NoProperties = Record<never, WechatMiniprogram.Component.AllProperty>;

interface LiveFormData<F extends string> {
  form: Record<F, string>;
  errors: Record<F, string>;
  canSubmit: boolean;
  /** the function's refusal of the last try; editing the form clears it */
  notice: string;
}

type LiveFormMethods<F extends string> = {
  onFieldChange(event: WechatMiniprogram.CustomEvent<{ value: string }>): void;
  onFieldBlur(event: WechatMiniprogram.CustomEvent): void;
  /** Shows the problems of `fields` now, e.g. the phone when a code is asked for before it is valid. */
  touch(...fields: F[]): void;
  /** Shows `form` checked; `edited`: the person changed it, which clears the refusal on screen. */
  check(form: Record<F, string>, edited: boolean): void;
  /** Whether `fields` pass their rules; those that do not show their problem (what a code is sent to). */
  fieldsReady(...fields: F[]): boolean;
};

export function liveFormBehavior<F extends string>(rules: Record<F, FieldRule<F>>) {
  const blank = () => Object.fromEntries(Object.keys(rules).map((field) => [field, ''])) as Record<F, string>;
  const data: LiveFormData<F> = { form: blank(), errors: blank(), canSubmit: false, notice: '' };
  return Behavior<LiveFormData<F>, NoProperties, LiveFormMethods<F>, [], { live?: LiveForm<F> }>({
    data,
    lifetimes: {
      // one per visit: which fields the person has left is this page's memory, not the next visit's
      created() {
        this.live = new LiveForm(rules);
      },
    },
    methods: {
      onFieldChange(event) {
        const patch = this.live?.afterInput(event, this.data.form);
        if (patch) this.setData(patch);
      },
      onFieldBlur(event) {
        const patch = this.live?.afterBlur(event, this.data.form);
        if (patch) this.setData(patch);
      },
      touch(...fields) {
        if (this.live) this.setData(this.live.touch(fields, this.data.form));
      },
      check(form, edited) {
        if (this.live) this.setData(this.live.check(form, edited));
      },
      fieldsReady(...fields) {
        const { form } = this.data;
        const failing = fields.filter((field) => rules[field](form[field], form));
        if (failing.length > 0) this.touch(...failing);
        return failing.length === 0;
      },
    },
  });
}
