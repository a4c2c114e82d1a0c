/**
 * WeChat's asynchronous APIs take `success`/`fail`/`complete` callbacks, or return a promise when given none;
 * every API of the shim answers both ways through `settle`. Results carry `errMsg` (`<api>:ok`), failures
 * `<api>:fail <reason>`, as the client's do.
 */
export interface Callbacks<T> {
  success?: (result: T) => void;
  fail?: (error: { errMsg: string }) => void;
  complete?: (result: T | { errMsg: string }) => void;
}

export type WithErrMsg<T> = T & { errMsg: string };

/** A failure whose message is already WeChat's `errMsg` (e.g. `navigateTo:fail webview count limit exceed`). */
export class WxFailure extends Error {}

export function settle<T extends object>(
  api: string,
  options: Callbacks<WithErrMsg<T>> | undefined,
  work: () => Promise<T> | T,
): Promise<WithErrMsg<T>> | undefined {
  const outcome = Promise.resolve()
    .then(work)
    .then(
      (result) => {
        const answer = { errMsg: `${api}:ok`, ...result } as WithErrMsg<T>;
        options?.success?.(answer);
        options?.complete?.(answer);
        return answer;
      },
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        const failure = { errMsg: error instanceof WxFailure ? reason : `${api}:fail ${reason}` };
        options?.fail?.(failure);
        options?.complete?.(failure);
        throw failure;
      },
    );
  if (options && (options.success || options.fail || options.complete)) {
    outcome.catch(() => undefined);
    return undefined;
  }
  return outcome;
}
