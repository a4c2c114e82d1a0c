/**
 * exparser turns touch events into `tap` (j-component listens for touchstart/touchend on each page), so a mouse
 * click alone does nothing in a page. For a person using a mouse, presses inside the page area become touches:
 * pointerdown/move/up of a mouse are replayed as touchstart/move/end on the same element. Real touches (a touch
 * screen, or Playwright's `page.tap()` with `hasTouch`) reach the page as they are and are not replayed.
 */
interface TouchPoint {
  identifier: number;
  target: EventTarget;
  clientX: number;
  clientY: number;
  pageX: number;
  pageY: number;
  screenX: number;
  screenY: number;
}

export function replayMouseAsTouch(area: HTMLElement): void {
  let target: EventTarget | null = null;
  const point = (event: PointerEvent): TouchPoint => ({
    identifier: 1,
    target: target ?? area,
    clientX: event.clientX,
    clientY: event.clientY,
    pageX: event.pageX,
    pageY: event.pageY,
    screenX: event.screenX,
    screenY: event.screenY,
  });
  const send = (type: string, touches: TouchPoint[], changed: TouchPoint) => {
    // a plain Event with the touch lists: what j-component reads (desktop Chromium may lack Touch constructors)
    const event = new Event(type, { bubbles: true, cancelable: true });
    Object.defineProperties(event, {
      touches: { value: touches },
      targetTouches: { value: touches },
      changedTouches: { value: [changed] },
    });
    target?.dispatchEvent(event);
  };
  area.addEventListener('pointerdown', (event) => {
    if (event.pointerType !== 'mouse' || event.button !== 0 || isNativeField(event.target)) return;
    target = event.target;
    const touch = point(event);
    send('touchstart', [touch], touch);
  });
  area.addEventListener('pointermove', (event) => {
    if (event.pointerType !== 'mouse' || !target) return;
    const touch = point(event);
    send('touchmove', [touch], touch);
  });
  const end = (type: 'touchend' | 'touchcancel') => (event: PointerEvent) => {
    if (event.pointerType !== 'mouse' || !target) return;
    send(type, [], point(event));
    target = null;
  };
  window.addEventListener('pointerup', end('touchend'));
  window.addEventListener('pointercancel', end('touchcancel'));
}

/** Clicks into a text field place the caret; they are not taps on the page. */
function isNativeField(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}
