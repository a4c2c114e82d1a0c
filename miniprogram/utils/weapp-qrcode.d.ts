/** weapp-qrcode 1.0.0 ships no types: what utils/qr-canvas.ts uses of it. */
declare module 'weapp-qrcode' {
  interface DrawQrcodeOptions {
    /** the old canvas API's context (wx.createCanvasContext), or anything that speaks it */
    ctx: {
      setFillStyle(style: string): void;
      fillRect(x: number, y: number, width: number, height: number): void;
      draw(reserve?: boolean, callback?: () => void): void;
    };
    text: string;
    width: number;
    height: number;
    /** where the code's top-left module goes */
    x?: number;
    y?: number;
    /** -1: the smallest version that holds the text */
    typeNumber?: number;
    /** L 1, M 0, Q 3, H 2 */
    correctLevel?: number;
    background?: string;
    foreground?: string;
    callback?: () => void;
  }

  function drawQrcode(options: DrawQrcodeOptions): void;
  export = drawQrcode;
}
