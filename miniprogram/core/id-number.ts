/**
 * 居民身份证号码 (GB 11643-1999): 17 digits and a check character (0–9 or an upper-case X).
 * Full-width digits and a lower-case x are refused rather than silently converted: what is stored
 * must be exactly what is printed on the card, and the form says so.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberProblem(text: string): string | undefined {
  if (!/^\d{17}[\dX]$/.test(text)) {
    if (/^\d{17}x$/.test(text)) return '身份证号末位X请大写';
    return '身份证号应为18位，末位可为数字或X';
  }
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(text[i]), 0);
  if (CHECK[sum % 11] !== text[17]) return '身份证号校验位不正确，请核对';
  const birth = text.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replace(/-/g, '') !== birth) {
    return '身份证号中的出生日期不正确';
  }
  return undefined;
}

/** 110***********1234: how an ID number appears anywhere but to its owner. */
export function maskIdNumber(text: string): string {
  return text.length === 18 ? `${text.slice(0, 3)}${'*'.repeat(11)}${text.slice(14)}` : '******';
}
