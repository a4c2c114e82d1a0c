/**
 * The privacy flow (用户隐私保护指引) for pages that use a sensor or the camera: when WeChat needs the person's
 * consent first, it holds the call and asks the page, which shows its own explanation and answers with the
 * person's choice. Where the base library has no such event (before 2.32.3) there is nothing to ask.
 */
export type PrivacyDecision = { event: 'agree'; buttonId: string } | { event: 'disagree' };

/** What WeChat hands the listener (its typings have it as a plain callback result). */
export type PrivacyResolve = (decision: PrivacyDecision) => void;

/** Listens while the page is shown (the event has one listener app-wide: the page on screen takes it). */
export function onNeedPrivacyAuthorization(listener: (resolve: PrivacyResolve) => void): void {
  const api = wx as unknown as { onNeedPrivacyAuthorization?: (listener: (resolve: PrivacyResolve) => void) => void };
  if (typeof api.onNeedPrivacyAuthorization === 'function') api.onNeedPrivacyAuthorization(listener);
}
