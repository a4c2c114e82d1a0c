import * as fc from 'fast-check';
import { checkSubscribeMessage } from '../../localcloud/openapi/subscribe-message';
import {
  fitValue,
  keywordType,
  shanghaiTime,
  templateData,
  type KeywordType,
} from '../../server/notifications/template-values';

// Subscription message values are fitted to their keyword type before sending: the platform answers a value over
// its limit with 47003 and the message is lost. Checked against localcloud's copy of the platform's rules.

const accepted = (data: Record<string, { value: string }>) =>
  checkSubscribeMessage({ touser: 'o-test', template_id: 't', data }).ok;

test('the keyword type is the key without its number', () => {
  expect(keywordType('thing12')).toBe('thing');
  expect(keywordType('character_string3')).toBe('character_string');
  expect(keywordType('name1')).toBe('name');
  expect(() => keywordType('amount2')).toThrow(/amount2/);
});

test('thing: at most 20 characters, the cut marked', () => {
  expect(fitValue('thing', '滨江华府')).toBe('滨江华府');
  const long = '杭州市滨江区江南大道一千零八十八号滨江华府小区东门';
  const fitted = fitValue('thing', long);
  expect([...fitted]).toHaveLength(20);
  expect(fitted.endsWith('…')).toBe(true);
});

test('name: 10 characters with Chinese, 20 letters without', () => {
  expect(fitValue('name', '欧阳娜娜娜娜娜娜娜娜娜娜')).toBe('欧阳娜娜娜娜娜娜娜娜');
  expect(fitValue('name', 'Alexandra Montgomery-Smithson')).toBe('Alexandra Montgomery');
});

test('phrase: Chinese only, at most 5', () => {
  expect(fitValue('phrase', '已通过')).toBe('已通过');
  expect(fitValue('phrase', 'OK 已经审核通过了')).toBe('已经审核通');
});

test('character_string: printable ASCII, at most 32', () => {
  expect(fitValue('character_string', 'visit-123 编号')).toBe('visit-123');
  expect(fitValue('character_string', 'x'.repeat(40))).toHaveLength(32);
});

test('an empty value or one of control characters only becomes a placeholder: the platform refuses empty ones', () => {
  expect(fitValue('thing', '')).toBe('无');
  expect(fitValue('thing', '\n\t')).toBe('无');
  expect(fitValue('phrase', 'abc')).toBe('无');
  expect(fitValue('character_string', '中文')).toBe('-');
});

test('line breaks inside a value become spaces', () => {
  expect(fitValue('thing', '送快递\n上楼')).toBe('送快递 上楼');
});

test('times are shown in Asia/Shanghai whatever the machine’s zone', () => {
  expect(shanghaiTime('2026-12-01T16:30:00Z')).toBe('2026年12月2日 00:30');
  expect(shanghaiTime('2026-12-02T08:05:00+08:00')).toBe('2026年12月2日 08:05');
  expect(shanghaiTime(new Date('2026-12-31T23:59:00+08:00'))).toBe('2026年12月31日 23:59');
  expect(shanghaiTime('not a time')).toBe('无');
});

test('whatever goes in, what comes out passes the platform’s checks', () => {
  const types: KeywordType[] = ['thing', 'name', 'phrase', 'character_string', 'time'];
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ maxLength: 60 }), (a, b) => {
      const values: Record<string, string> = {};
      types.forEach((type, i) => {
        values[`${type}${i + 1}`] = i % 2 ? a : b;
      });
      expect(accepted(templateData(values))).toBe(true);
    }),
  );
});
