import {
  DEFAULT_EXIT_SLIP_SETTINGS,
  exitSlipSettingsInput,
  exitSlipSettingsOf,
} from '../../miniprogram/core/exit-slip-rules';
import { DEFAULT_RESIDENT_PASS_SETTINGS } from '../../miniprogram/core/pass-rules';
import {
  changedFields,
  exitCountWords,
  residentPassWords,
  restrictionWords,
} from '../../miniprogram/core/settings-words';

// 最近修改 says what changed in the back office's words; 出门条设置 fills its defaults and never requires a hidden field.

test('only the fields whose words differ are a change, before and after', () => {
  const before = residentPassWords(DEFAULT_RESIDENT_PASS_SETTINGS, 'guard');
  const after = residentPassWords(
    { ...DEFAULT_RESIDENT_PASS_SETTINGS, exitsPerPeriod: -1, exitWindows: [{ start: '22:00', end: '06:00' }] },
    'device',
  );
  expect(changedFields(before, after)).toEqual([
    { field: '周期内可出门次数', before: '不限', after: '禁止出门' },
    { field: '可出门时间段', before: '全天', after: '22:00-06:00' },
    { field: '放行方式', before: '门岗扫码', after: '门禁二维码' },
  ]);
  expect(changedFields(before, before)).toEqual([]);
});

test('exit counts and restrictions read as the manual says them', () => {
  expect([0, -1, 3].map(exitCountWords)).toEqual(['不限', '禁止出门', '3次']);
  expect(restrictionWords(null)).toEqual({ 限制出入: '不限制' });
  expect(restrictionWords({ kind: 'ownQuota', exitsPerPeriod: 2 })).toEqual({ 限制出入: '单独设置出门次数：2次' });
});

test('出门条设置: stored fields over the defaults; a hidden field is saved as not required', () => {
  expect(exitSlipSettingsOf({ arrearsMayApply: true })).toEqual({
    ...DEFAULT_EXIT_SLIP_SETTINGS,
    arrearsMayApply: true,
  });
  const parsed = exitSlipSettingsInput.parse({
    arrearsMayApply: false,
    fields: { ...DEFAULT_EXIT_SLIP_SETTINGS.fields, remark: { show: false, required: true }, extra: 1 },
  });
  expect(parsed.ok && parsed.value.fields.remark).toEqual({ show: false, required: false });
  expect(parsed.ok && Object.keys(parsed.value.fields)).toEqual(Object.keys(DEFAULT_EXIT_SLIP_SETTINGS.fields));
  const missing = exitSlipSettingsInput.parse({ arrearsMayApply: false, fields: {} });
  expect(missing.ok ? [] : missing.issues[0]).toEqual({ path: 'fields.goods', message: '请求格式不正确' });
});
