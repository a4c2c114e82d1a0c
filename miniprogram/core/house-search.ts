/**
 * How a house is named and found (X1, P10): 3栋2单元301 everywhere — residents, guards, the back office — and the
 * search box takes what people type for it: 3-2-301, 3 2 301, 3栋2单元301, or the start of any of them. The
 * `admin` function searches with the same prefix the page shows it is searching for.
 */

/** building, unit and room numbers: letters and digits, as the property's own register writes them */
export const HOUSE_PART = /^[0-9A-Za-z]{1,8}$/;

export function houseLabel(building: string, unit: string, room: string): string {
  return `${building}栋${unit}单元${room}`;
}

/**
 * The start of the labels a search means: `3` → `3`, `3-` → `3栋`, `3-2` → `3栋2`, `3栋2单元30` → `3栋2单元30`.
 * A separator after a part closes it, so `3-` finds building 3 and not 30. Undefined when the text is no
 * house number at all (then nothing is searched).
 */
export function houseLabelPrefix(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const parts = trimmed.split(/[^0-9A-Za-z]+/).filter((p) => p !== '');
  if (parts.length === 0 || parts.length > 3 || !parts.every((p) => HOUSE_PART.test(p))) return undefined;
  const closed = /[^0-9A-Za-z]$/.test(trimmed);
  const markers = ['栋', '单元', ''];
  return parts.map((part, i) => (i < parts.length - 1 || closed ? part + markers[i] : part)).join('');
}
