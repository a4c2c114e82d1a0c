/**
 * What a user owns, in one list: when a WeChat-only user is folded into an account
 * (server/accounts/linking.ts), every document here moves to the account, so nothing the person
 * did before logging in is stranded (a card bound to a user who no longer exists could be neither
 * unbound nor bound again). A collection keeps its owner in `field`.
 *
 * Every collection of docs/database.json is in exactly one of the two lists below (a test checks):
 * a new collection with a user in it must be listed here, or say in NOT_MOVED why it stays.
 */
export const OWNED_BY_USER: ReadonlyArray<{ collection: string; field: string }> = [
  { collection: 'memberships', field: 'userId' },
  { collection: 'cardBindings', field: 'userId' },
  // the history goes with the person: the account sees the cards it bound and the gates it passed
  { collection: 'cardEvents', field: 'userId' },
  { collection: 'accessRecords', field: 'userId' },
  // the settings an administrator changed before logging in are theirs too
  { collection: 'settingsChanges', field: 'by.userId' },
  // an application to live at a site, so that approving it gives the residence to the account; its id is then
  // re-derived for the account (rekeyMovedApplications), so the account's 申请入住 page shows it
  { collection: 'residenceApplications', field: 'userId' },
  // the exit slips the person applied for: the account sees them and their passes (whose issue records, in
  // accessRecords, move with them)
  { collection: 'exitSlips', field: 'userId' },
  // keys the old user held (its openid key is reassigned before the merge; others follow the person)
  { collection: 'userKeys', field: 'userId' },
  // the visits the person booked, was invited to, invited or hosts go with them. Not `approverIds`: approvers are
  // residents found by their account's phone and the site's administrators, never a WeChat-only user
  { collection: 'visits', field: 'bookedBy' },
  { collection: 'visits', field: 'visitor.userId' },
  { collection: 'visits', field: 'inviterId' },
  { collection: 'visits', field: 'host.userId' },
  // a 专用通行证 member bound by a WeChat user without an account: the pass goes with the person into the account
  { collection: 'specialMembers', field: 'userId' },
];

/** Collections a merge leaves alone, each with the reason. */
export const NOT_MOVED: Readonly<Record<string, string>> = {
  users: 'the users themselves: the old one is removed, its current site carried over (linking.ts)',
  sites: 'no owner',
  houses: 'no owner',
  houseImports: 'a site’s house-import journal: no person in it',
  doors: 'no owner',
  devices: 'no owner',
  cardRegistry: 'the card system’s cards, keyed by number and phone',
  requests: 'keyed by openid, which stays with the WeChat identity',
  verificationCodes: 'keyed by phone and purpose: a pending code stays valid for whoever has the phone',
  rateCounters: 'keyed by phone, openid or IP, which stay what they are',
  cardPhoneGuesses: 'keyed by openid and card, which stay what they are',
  loginFailures: 'keyed by the account and openid being tried, not by a user being merged',
  outbox: 'a notification about a booking, addressed by openid and phone as they were when it was queued',
  specialOrganisations: 'made by administrators, who have accounts; no member is bound to an organisation itself',
  invitations: 'made and accepted by accounts only, and the old user of a merge is a WeChat user without one',
  auditLog:
    'its readers are administrators and observers, accounts only (both roles come by phone or invitation), and the old user of a merge is a WeChat user without one',
  exitCounters:
    'a period’s exits under the old user’s id, expiring with the period; a WeChat-only user with a resident role is rare and its exits that day are not carried',
};
