import * as fc from 'fast-check';
import {
  DEFAULT_VISITOR_SETTINGS,
  suggestedVisitWindow,
  visitFormSchema,
  visitPurpose,
  visitWindowProblem,
  visitorSettingsInput,
  visitorSettingsOf,
} from '../../miniprogram/core/visit-rules';

// The visitor form's rules, shared by the booking page and the visitor function.

describe('来访目的', () => {
  test.each(['探亲访友', '送快递', '装修施工验收'])('accepts %p', (purpose) => {
    expect(visitPurpose.parse(purpose)).toEqual({ ok: true, value: purpose });
  });
  test.each(['送快递1件', '拜访Mr张', '探亲！', '探亲 访友', '探', '１２', '探亲😀', '一'.repeat(31)])(
    'refuses %p',
    (purpose) => {
      expect(visitPurpose.parse(purpose).ok).toBe(false);
    },
  );
  test('never throws, and accepts only Chinese characters', () => {
    expect(() =>
      fc.assert(
        fc.property(fc.string(), (text) => {
          const parsed = visitPurpose.parse(text);
          return !parsed.ok || /^[\u3400-\u4dbf\u4e00-\u9fff]{2,30}$/.test(parsed.value);
        }),
      ),
    ).not.toThrow();
  });
});

describe('the visit window', () => {
  const now = new Date('2026-12-03T06:00:00Z');
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  test('a visit in an hour, two hours long, is fine', () => {
    expect(visitWindowProblem(at(60), at(180), now, 24)).toBeUndefined();
  });
  test.each([
    [at(60), at(60), '结束时间应晚于开始时间'],
    [at(-11), at(60), '开始时间不能早于现在'],
    [at(60), at(60 + 5 * 60), '来访时长不能超过4小时'],
    [at(31 * 24 * 60), at(31 * 24 * 60 + 60), '只能预约30天内的来访'],
  ])('%p – %p: %p', (start, end, problem) => {
    expect(visitWindowProblem(start, end, now, 4)).toBe(problem);
  });
  test('a start a few minutes ago (the time the form took) is still fine', () => {
    expect(visitWindowProblem(at(-5), at(60), now, 4)).toBeUndefined();
  });
});

describe('the form a site asks for', () => {
  const base = {
    siteId: 'site-haixin-huiyuan',
    hostName: '张伟',
    hostPhone: '13912340001',
    visitorName: '赵敏',
    visitorPhone: '13800138000',
    purpose: '探亲访友',
    startsAt: '2026-12-03T14:00:00+08:00',
    endsAt: '2026-12-03T16:00:00+08:00',
  };
  test('a hidden field is dropped, a required one demanded, an ID number checked', () => {
    expect(visitFormSchema(DEFAULT_VISITOR_SETTINGS).parse({ ...base, idNumber: 'x' })).toMatchObject({
      ok: true,
      value: { startsAt: '2026-12-03T06:00:00.000Z' },
    });
    const requireId = visitorSettingsOf({
      fields: { ...DEFAULT_VISITOR_SETTINGS.fields, idNumber: { show: true, required: true } },
    });
    expect(visitFormSchema(requireId).parse(base)).toMatchObject({ ok: false });
    expect(visitFormSchema(requireId).parse({ ...base, idNumber: '110105194912310021' })).toMatchObject({ ok: false });
    expect(visitFormSchema(requireId).parse({ ...base, idNumber: '11010519491231002X' })).toMatchObject({ ok: true });
  });
  test('an invitation has no 受访人', () => {
    const { hostName: _n, hostPhone: _p, ...invitation } = base;
    expect(visitFormSchema(DEFAULT_VISITOR_SETTINGS, { invite: true }).parse(invitation).ok).toBe(true);
  });
  test('a face photo only from visitors/faces/<openid>/', () => {
    const schema = visitFormSchema(DEFAULT_VISITOR_SETTINGS);
    expect(schema.parse({ ...base, face: { fileId: 'cloud://env.bucket/visitors/faces/o-1/abc.jpg' } }).ok).toBe(true);
    expect(schema.parse({ ...base, face: { fileId: 'cloud://env.bucket/visitors/faces/abc.jpg' } }).ok).toBe(false);
    expect(schema.parse({ ...base, face: { fileId: 'cloud://env.bucket/idPhotos/abc.jpg' } }).ok).toBe(false);
    expect(schema.parse({ ...base, face: { fileId: 'cloud://env.bucket/visitors/faces/o-1/../x.jpg' } }).ok).toBe(
      false,
    );
  });
});

test('settings as the back office sends them: a hidden field is never required', () => {
  const parsed = visitorSettingsInput.parse({
    ...DEFAULT_VISITOR_SETTINGS,
    fields: { ...DEFAULT_VISITOR_SETTINGS.fields, company: { show: false, required: true } },
  });
  expect(parsed).toMatchObject({ ok: true, value: { fields: { company: { show: false, required: false } } } });
  expect(visitorSettingsInput.parse({ ...DEFAULT_VISITOR_SETTINGS, maxVisitHours: 0 }).ok).toBe(false);
});

test('a new form suggests the next half hour for two hours, or the site’s longest visit when shorter', () => {
  expect(suggestedVisitWindow(new Date('2026-12-02T16:05:00+08:00'), 24)).toEqual({
    startsAt: '2026-12-02 16:30',
    endsAt: '2026-12-02 18:30',
  });
  expect(suggestedVisitWindow(new Date('2026-12-02T23:30:00+08:00'), 1)).toEqual({
    startsAt: '2026-12-02 23:30',
    endsAt: '2026-12-03 00:30',
  });
});
