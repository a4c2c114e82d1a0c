import { CARD_NUMBER_PATTERN } from './api/card';
import { string } from './validate';

/** A printed card number (R10): the `card` function checks it, and the bind page checks the same as the resident types. */
export const cardNumber = string({
  label: '卡号',
  max: 32,
  pattern: CARD_NUMBER_PATTERN,
  patternMessage: '卡号为4到32位字母或数字',
});
