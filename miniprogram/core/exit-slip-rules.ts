import type { ExitSlipSettings } from './api/admin-exit-slip';
import { EXIT_SLIP_FORM_FIELDS } from './api/admin-exit-slip';
import { boolean, object, type Schema } from './validate';

/**
 * 出门条设置 rules (P9): the defaults, and what the back office may send. The page checks the same schema before
 * saving; the `admin` function checks it again.
 */

/**
 * Until an administrator chooses: a household in arrears may not apply (the manual's switch exists because
 * properties use the slip to settle fees before a move-out), and the form asks for the goods, offering a photo,
 * the vehicle and a remark.
 */
export const DEFAULT_EXIT_SLIP_SETTINGS: ExitSlipSettings = {
  arrearsMayApply: false,
  fields: {
    goods: { show: true, required: true },
    photos: { show: true, required: false },
    plate: { show: true, required: false },
    carrier: { show: false, required: false },
    company: { show: false, required: false },
    remark: { show: true, required: false },
  },
};

/** A site's settings with the defaults filled in (a site stores only what its administrator set). */
export function exitSlipSettingsOf(stored: Partial<ExitSlipSettings> | undefined): ExitSlipSettings {
  return {
    ...DEFAULT_EXIT_SLIP_SETTINGS,
    ...stored,
    fields: { ...DEFAULT_EXIT_SLIP_SETTINGS.fields, ...stored?.fields },
  };
}

const fieldChoice = object({ show: boolean('是否显示'), required: boolean('是否必填') });

/** 出门条设置 as the back office sends them (`admin.setExitSlipSettings`). */
export const exitSlipSettingsInput: Schema<ExitSlipSettings> = {
  parse(value, path = '') {
    const parsed = object({
      arrearsMayApply: boolean('欠费住户可申请'),
      fields: object(
        Object.fromEntries(EXIT_SLIP_FORM_FIELDS.map((field) => [field, fieldChoice])) as Record<
          (typeof EXIT_SLIP_FORM_FIELDS)[number],
          typeof fieldChoice
        >,
      ),
    }).parse(value, path);
    if (!parsed.ok) return parsed;
    // a hidden field cannot be required: the form would never let anyone fill it in
    const fields = Object.fromEntries(
      EXIT_SLIP_FORM_FIELDS.map((f) => {
        const choice = parsed.value.fields[f];
        return [f, { show: choice.show, required: choice.show && choice.required }];
      }),
    ) as ExitSlipSettings['fields'];
    return { ok: true, value: { arrearsMayApply: parsed.value.arrearsMayApply, fields } };
  },
};
