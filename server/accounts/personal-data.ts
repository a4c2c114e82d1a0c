/**
 * Where a person's data is held, collection by collection, and what deleting their account (注销账号, X7) does to
 * each. Every collection of docs/database.json is named here exactly once (a test checks), so a new collection
 * that holds people must say what happens to it when one of them leaves.
 *
 * - `erase`: the person's documents are removed.
 * - `anonymise`: documents stay (the site's records, someone else's booking) with the person's name, phone, ID
 *   number, photo and ids taken out; server/accounts/deletion.ts does it, one function per collection.
 * - `none`: nothing of the person is there, or only what is no longer theirs, with the reason.
 */
export type OnDeletion = { kind: 'erase' | 'anonymise'; what: string } | { kind: 'none'; why: string };

export const ON_DELETION: Readonly<Record<string, OnDeletion>> = {
  users: { kind: 'erase', what: 'the user document, its avatar file with it' },
  userKeys: { kind: 'erase', what: 'the openid, phone, e-mail and account-ID keys it held' },
  memberships: {
    kind: 'erase',
    what: 'every role at every site (resident, guard, administrator, observer); its id goes from the roles it revoked and the passes it took back',
  },
  cardBindings: { kind: 'erase', what: 'the cards bound to the account' },
  verificationCodes: { kind: 'erase', what: 'codes sent to its phone (their ids hold the phone)' },
  requests: { kind: 'erase', what: 'the stored answers of its requests (found by the openid’s hash)' },
  outbox: { kind: 'erase', what: 'notifications to its openid, and those about its bookings (they carry names)' },
  accessRecords: {
    kind: 'anonymise',
    what: 'the site keeps its records: the holder’s name and user id go, and a guard’s name and id on releases',
  },
  settingsChanges: {
    kind: 'anonymise',
    what: 'the site keeps who changed its settings and when: the administrator’s name, user id and account ID go',
  },
  cardEvents: { kind: 'anonymise', what: 'the bind/unbind history keeps the card and time, not the user' },
  visits: {
    kind: 'anonymise',
    what: 'its side of each booking (visitor, host, booker, inviter): name, phone, ID number and face photo go; an open booking is cancelled',
  },
  invitations: {
    kind: 'anonymise',
    what: 'invitation codes it made and left open are withdrawn; who made or accepted one is taken out of the rest; an observer invitation for its phone is withdrawn, and the observer details (name, phone) of one it accepted go',
  },
  auditLog: {
    kind: 'anonymise',
    what: 'the site keeps who read or exported its records and when: the reader’s name and user id go',
  },
  specialOrganisations: {
    kind: 'anonymise',
    what: 'an organisation it created stays for the sites it serves; the creating administrator’s id goes',
  },
  specialMembers: {
    kind: 'anonymise',
    what: 'the 专用通行证 member bound to it is unbound and disabled: name, phone, ID number and ID/face photos go (the photos from storage too); as the creating administrator, its id goes',
  },
  exitCounters: {
    kind: 'none',
    why: 'a period’s count under a random user id, no name or phone, gone when the period ends (purge timer)',
  },
  rateCounters: { kind: 'none', why: 'ids are hashes of phone, openid, user id or IP with a day; gone the next day' },
  loginFailures: { kind: 'none', why: 'ids are hashes of the login name and openid; a count and a time' },
  cardPhoneGuesses: { kind: 'none', why: 'ids are hashes of the caller and card with a day; gone the next day' },
  cardRegistry: {
    kind: 'none',
    why: 'the property’s own card list (its system of record, imported by the site), not the account’s data',
  },
  sites: { kind: 'none', why: 'no people' },
  houses: { kind: 'none', why: 'no people' },
  residenceApplications: {
    kind: 'erase',
    what: 'its 申请入住 (name, relation, house) with their notifications; as the deciding administrator, who decided',
  },
  exitSlips: {
    kind: 'erase',
    what: 'its 出门条 (name, phone, goods, carrier, photos) with their photos and notifications; as the deciding administrator, who decided',
  },
  houseImports: { kind: 'none', why: 'an import journal: houses only, no people and no user ids' },
  doors: { kind: 'none', why: 'no people' },
  devices: { kind: 'none', why: 'no people' },
};

/** What anonymised documents say in place of the person's name. */
export const DELETED_PERSON = '已注销用户';
