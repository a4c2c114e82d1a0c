import type { CardView } from '../../miniprogram/core/api/card';
import type { Envelope } from '../../miniprogram/core/envelope';
import { useAppCloud } from '../support/app-cloud';
import { advanceClock } from '../support/clock';
import { HX, data } from '../support/fixtures';
import { lastSmsCode } from '../support/sms';
import { accountFor } from '../support/accounts';
import { bookingForm, setVisitorSettings, visitorCall } from '../support/visitors';

// A WeChat user who did things before logging in to an existing account (issue 10, defect 9):
// the merge moves everything the old user owned, so a card bound before logging in is in the
// account's list and can be unbound, and no document anywhere still names the removed user.

const CARD = { siteId: HX, type: 'member', number: 'HX1001', phone: '13912340001' };
const app = useAppCloud();
let n = 0;
const requestId = () => `merge-req-${(n += 1).toString().padStart(6, '0')}`;

const call = <T>(fn: string, openid: string, event: object) =>
  app.call<Envelope<T>>(fn, { requestId: requestId(), ...event }, openid);

/** Every document in any collection with a field whose value is `id`. */
function documentsNaming(id: string): string[] {
  return app.lc.db.collectionNames().flatMap((name) =>
    app.lc.db
      .find(name, {}, { limit: 1000 })
      .filter((doc) => Object.values(doc).includes(id))
      .map((doc) => `${name}/${String(doc._id)}`),
  );
}

test('a card bound before logging in to an existing account (confirmMove) is the account’s, and can be unbound', async () => {
  const phone = '13977770001';
  const owner = 'wx-merge-account-owner';
  const newcomer = 'wx-merge-newcomer';
  await accountFor(app, owner, { phone, password: 'secret123' });

  // a new WeChat user chooses a site and binds a card
  data(await call('site', newcomer, { action: 'select', siteId: HX }));
  data(await call('card', newcomer, { action: 'sendCode', ...CARD }));
  const bound = data(
    await call<{ card: CardView }>('card', newcomer, {
      action: 'bind',
      ...CARD,
      code: await lastSmsCode(app, CARD.phone),
    }),
  ).card;
  // … and books a visit (the visit names its booker and visitor by user id, the visitor's one level down)
  data(await setVisitorSettings(app, {}));
  const visit = data(await visitorCall(app, newcomer, 'book', bookingForm(app))).visit;
  const [previous] = app.lc.db.find('users', { openid: newcomer });
  expect(documentsNaming(String(previous._id)).length).toBeGreaterThan(1);

  // … then logs in to the account, which is signed in on another WeChat: confirmMove
  expect(data(await call('account', newcomer, { action: 'login', loginName: phone, password: 'secret123' }))).toEqual({
    needsConfirmation: true,
  });
  data(
    await call('account', newcomer, { action: 'login', loginName: phone, password: 'secret123', confirmMove: true }),
  );

  expect(documentsNaming(String(previous._id))).toEqual([]);
  expect(app.lc.db.count('visits', { 'visitor.userId': previous._id })).toBe(0);
  expect(data(await visitorCall(app, newcomer, 'mine', {})).items.map((v) => v.id)).toEqual([visit.id]);
  expect(data(await visitorCall(app, newcomer, 'detail', { visitId: visit.id })).visit.id).toBe(visit.id);
  expect(data(await call<{ cards: CardView[] }>('card', newcomer, { action: 'list' })).cards.map((c) => c.id)).toEqual([
    bound.id,
  ]);
  expect(data(await call('site', newcomer, { action: 'current' }))).toMatchObject({ site: { id: HX } });
  expect(data(await call('card', newcomer, { action: 'unbind', cardId: bound.id }))).toEqual({ unbound: true });
  expect(data(await call<{ cards: CardView[] }>('card', newcomer, { action: 'list' })).cards).toEqual([]);

  // the card is free again for its next owner
  advanceClock(app, 61_000);
  data(await call('card', 'wx-merge-next-owner', { action: 'sendCode', ...CARD }));
  expect(
    data(
      await call<{ card: CardView }>('card', 'wx-merge-next-owner', {
        action: 'bind',
        ...CARD,
        code: await lastSmsCode(app, CARD.phone),
      }),
    ).card.id,
  ).toBe(bound.id);
});

test('an 入住申请 made before logging in is the account’s afterwards: its page shows it waiting, and it is not made twice', async () => {
  const phone = '13977770002';
  const owner = 'wx-merge-applicant-owner';
  const newcomer = 'wx-merge-applicant';
  await accountFor(app, owner, { phone, password: 'secret123' });
  const application = { siteId: HX, houseId: 'house-hx-3-2-302', name: '周杰', relation: 'tenant' };
  data(await call('site', newcomer, { action: 'applyResidence', ...application }));
  data(
    await call('account', newcomer, { action: 'login', loginName: phone, password: 'secret123', confirmMove: true }),
  );

  const mine = data(
    await call<{ application: { status: string; house: string } | null }>('site', newcomer, {
      action: 'myResidenceApplication',
      siteId: HX,
    }),
  );
  expect(mine.application).toMatchObject({ status: 'pending', house: '3栋2单元302' });
  expect(await call('site', newcomer, { action: 'applyResidence', ...application })).toMatchObject({
    ok: false,
    code: 'CONFLICT',
  });
  const [account] = app.lc.db.find('users', { phone });
  expect(app.lc.db.count('residenceApplications', { userId: account._id })).toBe(1);
});
