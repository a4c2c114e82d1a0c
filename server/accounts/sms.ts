import { sms } from 'tencentcloud-sdk-nodejs-sms';
import type { CodePurpose } from '../../miniprogram/core/account-rules';
import { AppError } from '../platform/errors';
import { requiredSetting, secret, setting } from '../platform/secrets';

/**
 * SMS through the Tencent Cloud SMS API (cloud.openapi's SMS cannot send verification codes):
 * verification codes here, and the outbox's notifications through `sendSms` (server/notifications). Configuration comes from the function's environment (docs/deploy.md):
 * SMS_SECRET_ID / SMS_SECRET_KEY (a CAM key allowed to send SMS), SMS_SDK_APP_ID, SMS_SIGN_NAME,
 * SMS_REGION (default ap-guangzhou) and one template per purpose — SMS_TEMPLATE_REGISTER,
 * SMS_TEMPLATE_RESET, SMS_TEMPLATE_CARD_BINDING, SMS_TEMPLATE_DELETE_ACCOUNT — each taking {1} the code and {2} the minutes it
 * lives. Under localcloud the same client talks to localcloud's stand-in of the API.
 */
const TEMPLATE_VARIABLES: Record<CodePurpose, string> = {
  register: 'SMS_TEMPLATE_REGISTER',
  reset: 'SMS_TEMPLATE_RESET',
  cardBinding: 'SMS_TEMPLATE_CARD_BINDING',
  deleteAccount: 'SMS_TEMPLATE_DELETE_ACCOUNT',
};

export async function sendVerificationSms(
  phone: string,
  code: string,
  purpose: CodePurpose,
  minutes: number,
): Promise<void> {
  const templateId = requiredSetting(TEMPLATE_VARIABLES[purpose], `localcloud-${purpose}`);
  const outcome = await sendSms(phone, templateId, [code, String(minutes)]);
  if (!outcome.ok) throw new AppError('INTERNAL', '短信发送失败，请稍后再试');
}

/** What one SendSms came to: sent, or the provider's error code (`Network` when no answer came). */
export type SmsOutcome = { ok: true } | { ok: false; code: string };

/**
 * One SMS of an approved template to a mainland phone (11 digits). Never throws for the provider: the caller
 * decides what a failure means (a verification code's sender answers at once, the outbox retries later).
 */
export async function sendSms(phone: string, templateId: string, params: string[]): Promise<SmsOutcome> {
  let answer;
  try {
    const client = new sms.v20210111.Client({
      credential: { secretId: secret('SMS_SECRET_ID'), secretKey: secret('SMS_SECRET_KEY') },
      region: setting('SMS_REGION', 'ap-guangzhou'),
      profile: { httpProfile: endpoint() },
    });
    answer = await client.SendSms({
      SmsSdkAppId: requiredSetting('SMS_SDK_APP_ID', 'localcloud-sdk-app'),
      SignName: requiredSetting('SMS_SIGN_NAME', '通行'),
      TemplateId: templateId,
      TemplateParamSet: params,
      PhoneNumberSet: [`+86${phone}`],
    });
  } catch (error) {
    // the SDK throws for an API error (`Error` in the response, its `code`) and for network failures alike
    console.error('[sms] SendSms failed', error instanceof Error ? error.message : error);
    const code = (error as { code?: unknown } | null)?.code;
    return { ok: false, code: typeof code === 'string' && code ? code : 'Network' };
  }
  const status = answer.SendStatusSet?.[0];
  if (status?.Code !== 'Ok') {
    console.error('[sms] SendSms refused', status?.Code, status?.Message);
    return { ok: false, code: status?.Code || 'Unknown' };
  }
  return { ok: true };
}

/**
 * How long one SendSms request may take, in seconds (the SDK's unit). The functions that send codes (`account`,
 * `card`) may run 10 s in all: a provider that hangs must leave them time to answer "短信发送失败" and record it,
 * rather than the platform killing the function mid-action and the phone seeing a bare timeout.
 */
export const SMS_REQUEST_TIMEOUT_SECONDS = 5;

/** Production: the SDK's default endpoint. Under localcloud: its stand-in, over plain HTTP on 127.0.0.1. */
function endpoint(): { endpoint?: string; protocol?: string; reqTimeout: number } {
  const local = process.env.LOCALCLOUD_URL;
  if (!local) return { reqTimeout: SMS_REQUEST_TIMEOUT_SECONDS };
  return { endpoint: new URL(local).host, protocol: 'http://', reqTimeout: SMS_REQUEST_TIMEOUT_SECONDS };
}
