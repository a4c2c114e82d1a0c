/**
 * 摇一摇 (R8) while a page is on screen: the accelerometer at the `game` interval (20 ms), its samples fed to the
 * core ShakeDetector with the phone's time, `onShake` once per shake. The sensor runs only between `start` and
 * `stop` (the page's show and hide): it costs battery, and the privacy guide counts it as personal data.
 */
import { ShakeDetector } from '../../core/shake';

export class ShakeListener {
  private readonly detector = new ShakeDetector();
  private listening = false;
  private readonly onSample = (sample: WechatMiniprogram.OnAccelerometerChangeListenerResult) => {
    if (this.detector.push({ x: sample.x, y: sample.y, z: sample.z, t: Date.now() })) this.onShake();
  };

  constructor(private readonly onShake: () => void) {}

  start(): void {
    if (this.listening) return;
    this.listening = true;
    // jolts from before the page showed are not half a shake
    this.detector.reset();
    wx.onAccelerometerChange(this.onSample);
    // refused (privacy declined, no sensor): the page works without shaking
    wx.startAccelerometer({ interval: 'game', fail: () => this.stop() });
  }

  stop(): void {
    if (!this.listening) return;
    this.listening = false;
    // the same function object that was registered (the typings give off's listener another parameter type)
    wx.offAccelerometerChange(this.onSample as unknown as WechatMiniprogram.OffAccelerometerChangeCallback);
    wx.stopAccelerometer({});
  }
}
