/**
 * The phone while a pass code is on screen, as at a 乘车码 reader: the screen at full brightness (a dim screen in
 * bright sun is what a gate's camera cannot read) and kept on (a queue is longer than the lock timeout), both given
 * back when the code leaves the screen — the brightness to what it was, read before raising it. Screenshots are
 * watched only while home shows: a captured code will not open the gate, and the page says so.
 */
const ignore = () => undefined;

export class CodeScreen {
  /** the code is on screen: the screen is (being) raised */
  private lit = false;
  /** the brightness before it was raised, once read */
  private previous: number | undefined;
  private watching = false;
  private readonly captured = () => this.onCapture();

  constructor(private readonly onCapture: () => void) {}

  /** A code is on screen. */
  light(): void {
    if (this.lit) return;
    this.lit = true;
    wx.setKeepScreenOn({ keepScreenOn: true, fail: ignore });
    wx.getScreenBrightness({
      success: ({ value }) => {
        // the code left the screen before the phone answered: nothing to raise
        if (!this.lit) return;
        this.previous = value;
        wx.setScreenBrightness({ value: 1, fail: ignore });
      },
      // a brightness that cannot be read could not be given back: it is left as the person set it
      fail: ignore,
    });
  }

  /** No code on screen any more (spent, refused, or the page hid). */
  dim(): void {
    if (!this.lit) return;
    this.lit = false;
    wx.setKeepScreenOn({ keepScreenOn: false, fail: ignore });
    if (this.previous !== undefined) wx.setScreenBrightness({ value: this.previous, fail: ignore });
    this.previous = undefined;
  }

  watchCaptures(): void {
    if (this.watching) return;
    this.watching = true;
    wx.onUserCaptureScreen(this.captured);
  }

  unwatchCaptures(): void {
    if (!this.watching) return;
    this.watching = false;
    // the listener given to `on` (the typings omit off's parameter, which the platform documents: without it,
    // every page's listener would go)
    (wx.offUserCaptureScreen as (listener: () => void) => void)(this.captured);
  }
}
