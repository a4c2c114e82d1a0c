import type { Parsed, Schema } from './validate';

/**
 * 用户协议 and 隐私政策: which edition of the two texts a person agreed to. The pages in packages/legal show this
 * edition; registering sends it, and the `account` function refuses any other, so what the server records is
 * always what the person had on screen. A change that matters to users (a new kind of data, a new purpose, a
 * longer period) gets a new edition here, and the register form asks again.
 */
export const LEGAL_EDITION = '2026-12-03';

/** The edition as people read it at the top of both texts. */
export const LEGAL_EDITION_LABEL = '2026年12月3日';

/** What the register form sends beside the account: the person ticked 我已阅读并同意 for this edition. */
export interface ConsentInput {
  edition: string;
}

/** What the account keeps: the edition agreed to, and when the server received the agreement. */
export interface ConsentRecord {
  edition: string;
  agreedAt: Date;
}

export const CONSENT_REQUIRED = '请先阅读并同意《用户协议》和《隐私政策》';
export const CONSENT_OUTDATED = '《用户协议》和《隐私政策》已更新，请重新阅读并同意';

const refuse = (path: string, message: string): Parsed<never> => ({ ok: false, issues: [{ path, message }] });

/** The agreement a register request carries: present, and for the edition the app shows today. */
export const consent: Schema<ConsentInput> = {
  parse(value, path = '') {
    if (value === undefined || value === null) return refuse(path, CONSENT_REQUIRED);
    const edition: unknown =
      typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).edition : undefined;
    if (typeof edition !== 'string' || edition === '') return refuse(path, CONSENT_REQUIRED);
    if (edition !== LEGAL_EDITION) return refuse(path, CONSENT_OUTDATED);
    return { ok: true, value: { edition } };
  },
};
