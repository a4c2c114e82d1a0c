/**
 * A URL Link (`urllink.generate`) opening the mini-program at `page`, expiring after the visit, for the SMS to a
 * visitor who may not have the app. Not made yet: localcloud does not answer `urllink.generate` on this branch
 * (it is being added), so the SMS goes without a link. When it does: call
 * `sdk().openapi.urllink.generate({ path, query, expireType: 0, expireTime })` here, and add `urllink.generate` to
 * cloudfunctions/visitor/config.json's `permissions.openapi`.
 */
export async function visitLink(page: string, expiresAt: Date): Promise<string | undefined> {
  void page;
  void expiresAt;
  return undefined;
}
