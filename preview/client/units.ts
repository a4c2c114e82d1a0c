/**
 * WXSS units the way a phone converts them. rpx: the screen is 750rpx wide whatever its pixels, so on the
 * preview's 375 px phone 1rpx = 0.5px; like WeChat's runtime each value is floored to whole pixels, and a
 * non-zero value that floors to 0 becomes 1px (Android's rule; iOS retina screens get 0.5px there). vh and vw:
 * the page's window is the phone's, not the browser's, so they become fractions of the window the preview draws
 * (CSS variables set by the frame).
 */

export const SCREEN_WIDTH = 375;
export const RPX_PER_PX = 750 / SCREEN_WIDTH;

const NUMBER = '(-?(?:\\d+\\.?\\d*|\\.\\d+))';
const RPX = new RegExp(`${NUMBER}rpx`, 'gi');
const VH = new RegExp(`${NUMBER}vh\\b`, 'gi');
const VW = new RegExp(`${NUMBER}vw\\b`, 'gi');

export function rpxToPx(rpx: number): number {
  if (rpx === 0) return 0;
  const px = Math.floor(rpx / RPX_PER_PX + 1e-4);
  return px === 0 ? 1 : px;
}

/** Converts rpx, vh and vw in a stylesheet or an inline style. */
export function convertUnits(css: string): string {
  return css
    .replace(RPX, (_all, value: string) => `${rpxToPx(Number(value))}px`)
    .replace(VH, (_all, value: string) => `calc(${value} * var(--tx-vh, 1vh))`)
    .replace(VW, (_all, value: string) => `calc(${value} * var(--tx-vw, 1vw))`);
}
