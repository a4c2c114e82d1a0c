/**
 * Only the newest of overlapping requests may paint. A page asks again on every show, tap or keystroke, and the
 * answers can come back in any order: an older, slower one must not overwrite what the newer one showed.
 */
export class NewestAnswer {
  private asked = 0;

  /** Asks anew; the answer comes back only if nothing newer was asked meanwhile, otherwise undefined. */
  async ask<T>(request: () => Promise<T>): Promise<T | undefined> {
    this.asked += 1;
    return this.follow(request);
  }

  /**
   * Asks more of the newest question (its next page) without replacing it: the answer is dropped once a new
   * question is asked.
   */
  async follow<T>(request: () => Promise<T>): Promise<T | undefined> {
    const mine = this.asked;
    const answer = await request();
    return mine === this.asked ? answer : undefined;
  }
}
