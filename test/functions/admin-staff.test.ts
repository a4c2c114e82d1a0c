import { createHash, randomUUID } from 'node:crypto';
import type { StaffMemberView } from '../../miniprogram/core/api/admin-staff';
import type { SiteCurrentResponse } from '../../miniprogram/core/api/site';
import type { Envelope } from '../../miniprogram/core/envelope';
import { accountFor } from '../support/accounts';
import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { advanceClock, setClock } from '../support/clock';
import { HX, cst, data } from '../support/fixtures';
import { lastSmsCode } from '../support/sms';

// 工作人员 (X2): administrators grant and revoke the administrator and guard roles at their site, by phone or by an
// invitation code; a site always keeps one administrator; the first one of a new site comes from the bootstrap.

const { admin: chenjing, guard: wangqiang, resident: zhangwei } = DEMO_OPENIDS;
const ZHANG_WEI_PHONE = '13912340001';
const CHEN_JING_PHONE = '13912340005';
/** a demo site with no administrator (demo/data.ts) */
const NEW_SITE = 'site-binjiang-huafu';
const BOOTSTRAP_SECRET = createHash('sha256').update('localcloud-dev:ADMIN_BOOTSTRAP_SECRET').digest('hex');

const app = useAppCloud();

beforeEach(() => setClock(app, cst('2026-11-24 12:00')));

const call = <T>(action: string, openid: string, params: object = {}) =>
  app.call<Envelope<T>>('admin', { action, siteId: HX, requestId: randomUUID(), ...params }, openid);
const staff = async (openid: string = chenjing) =>
  data(await call<{ members: StaffMemberView[]; invitations: Array<{ id: string; role: string }> }>('staff', openid));
const rolesAt = async (openid: string) =>
  data(await app.call<Envelope<SiteCurrentResponse>>('site', { action: 'current' }, openid)).roles;
const accept = (openid: string, code: string) =>
  app.call<Envelope<{ role: string; site: { id: string } }>>(
    'site',
    { action: 'acceptInvitation', requestId: randomUUID(), code },
    openid,
  );
const memberOf = async (name: string, role: string) => {
  const found = (await staff()).members.find((m) => m.name === name && m.role === role);
  if (!found) throw new Error(`${name} is not ${role}`);
  return found;
};

test('the staff list: administrators first, then guards, phones masked', async () => {
  const { members, invitations } = await staff();
  expect(members.map(({ name, role, phone, me }) => ({ name, role, phone, me }))).toEqual([
    { name: '陈静', role: 'admin', phone: '139****0005', me: true },
    { name: '王强', role: 'guard', phone: '139****0002', me: false },
  ]);
  expect(invitations).toEqual([]);
});

test('an administrator makes 张伟 a guard by his phone, and takes it back', async () => {
  const { member } = data(
    await call<{ member: StaffMemberView }>('grantRole', chenjing, { phone: ZHANG_WEI_PHONE, role: 'guard' }),
  );
  expect(member).toMatchObject({ name: '张伟', role: 'guard', phone: '139****0001' });
  expect(await rolesAt(zhangwei)).toEqual(['resident', 'guard']);
  // granting again changes nothing
  data(await call('grantRole', chenjing, { phone: ZHANG_WEI_PHONE, role: 'guard' }));
  expect((await staff()).members.filter((m) => m.name === '张伟')).toHaveLength(1);

  data(await call('revokeRole', chenjing, { membershipId: member.id }));
  expect(await rolesAt(zhangwei)).toEqual(['resident']);
  expect(await app.call('gate', { action: 'scan', siteId: HX, code: 'x'.repeat(20) }, zhangwei)).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
});

test('a phone without an account, a bad phone, a role that is not staff, another site’s membership are refused', async () => {
  expect(await call('grantRole', chenjing, { phone: '13900000000', role: 'guard' })).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  });
  expect(await call('grantRole', chenjing, { phone: '12345', role: 'guard' })).toMatchObject({
    ok: false,
    code: 'INVALID_ARGUMENT',
    message: '请输入11位手机号',
  });
  expect(await call('grantRole', chenjing, { phone: ZHANG_WEI_PHONE, role: 'observer' })).toMatchObject({
    ok: false,
    code: 'INVALID_ARGUMENT',
  });
  // a resident's membership is not a staff role, and another site's is not this site's
  for (const membershipId of ['m-user-zhangwei-site-haixin-huiyuan-resident', 'm-user-lina-site-hongjin-ge-resident']) {
    expect(await call('revokeRole', chenjing, { membershipId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  }
});

test('the last administrator cannot be revoked, not even by themself', async () => {
  const me = await memberOf('陈静', 'admin');
  expect(await call('revokeRole', chenjing, { membershipId: me.id })).toMatchObject({
    ok: false,
    code: 'LAST_ADMIN',
  });
  expect(await rolesAt(chenjing)).toEqual(['admin']);
});

test('two administrators revoking each other at once, 20 times: exactly one remains each time', async () => {
  for (let round = 0; round < 20; round += 1) {
    data(await call('grantRole', chenjing, { phone: ZHANG_WEI_PHONE, role: 'admin' }));
    const [chen, zhang] = [await memberOf('陈静', 'admin'), await memberOf('张伟', 'admin')];
    const answers = await Promise.all([
      call('revokeRole', chenjing, { membershipId: zhang.id }),
      call('revokeRole', zhangwei, { membershipId: chen.id }),
    ]);
    const admins = (await staff(answers[0].ok ? chenjing : zhangwei)).members.filter((m) => m.role === 'admin');
    expect(admins).toHaveLength(1);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    // the loser either found the other gone first (LAST_ADMIN) or had already lost its own role (FORBIDDEN)
    expect(answers.find((a) => !a.ok)).toMatchObject({
      ok: false,
      code: expect.stringMatching(/^(LAST_ADMIN|FORBIDDEN)$/),
    });
    if (admins[0].name === '张伟') {
      data(await call('grantRole', zhangwei, { phone: CHEN_JING_PHONE, role: 'admin' }));
      data(await call('revokeRole', chenjing, { membershipId: admins[0].id }));
    }
  }
  expect((await staff()).members.filter((m) => m.role === 'admin').map((m) => m.name)).toEqual(['陈静']);
});

test('an invitation code: shown once, stored hashed, accepted once, then gone from the list', async () => {
  const { invitation, code } = data(
    await call<{ invitation: { id: string }; code: string }>('createInvitation', chenjing, { role: 'guard' }),
  );
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
  expect((await staff()).invitations).toEqual([expect.objectContaining({ id: invitation.id, role: 'guard' })]);
  expect(JSON.stringify(app.lc.db.find('invitations', {}, {}))).not.toContain(code);

  await accountFor(app, 'staff-invitee-1', { phone: '13800000101', password: 'invitee2026' });
  // typed in lower case with a space, as people do
  const accepted = data(await accept('staff-invitee-1', `${code.slice(0, 5).toLowerCase()} ${code.slice(5)}`));
  expect(accepted).toMatchObject({ role: 'guard', site: { id: HX } });
  expect(await rolesAt('staff-invitee-1')).toEqual(['guard']);
  expect((await staff()).invitations).toEqual([]);
  expect(await accept(wangqiang, code)).toMatchObject({ ok: false, code: 'CONFLICT' });
});

test('an invitation accepted by ten accounts at once makes exactly one of them staff', async () => {
  const people = Array.from({ length: 10 }, (_, i) => `staff-racer-${i}`);
  for (const [i, openid] of people.entries()) {
    await accountFor(app, openid, { phone: `1380000020${i}`, password: 'racer2026x' });
  }
  const { code } = data(await call<{ code: string }>('createInvitation', chenjing, { role: 'admin' }));
  const answers = await Promise.all(people.map((openid) => accept(openid, code)));
  expect(answers.filter((a) => a.ok)).toHaveLength(1);
  expect(answers.filter((a) => !a.ok)).toEqual(Array(9).fill(expect.objectContaining({ code: 'CONFLICT' })));
  const admins = (await staff()).members.filter((m) => m.role === 'admin');
  expect(admins).toHaveLength(2);
  // back to one administrator for the tests after
  data(await call('revokeRole', chenjing, { membershipId: admins.find((m) => !m.me)?.id }));
});

test('a withdrawn or expired invitation, a wrong code, a caller without an account are refused', async () => {
  const made = () =>
    call<{ invitation: { id: string }; code: string }>('createInvitation', chenjing, { role: 'guard' });
  const withdrawn = data(await made());
  data(await call('revokeInvitation', chenjing, { invitationId: withdrawn.invitation.id }));
  expect(await accept(zhangwei, withdrawn.code)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  expect(await accept(zhangwei, 'ABCDEFGHJK')).toMatchObject({ ok: false, code: 'NOT_FOUND' });

  const late = data(await made());
  expect(await accept(DEMO_OPENIDS.newcomer, late.code)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  advanceClock(app, 73 * 3600_000);
  expect(await accept(zhangwei, late.code)).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
    message: '邀请码已过期，请向物业重新索取',
  });
  expect(await rolesAt(zhangwei)).toEqual(['resident']);
});

test('the first administrator of a new site: the bootstrap secret, once', async () => {
  const bootstrap = (openid: string, secret: string) =>
    app.call<Envelope<{ member: StaffMemberView }>>(
      'admin',
      { action: 'bootstrap', siteId: NEW_SITE, secret, requestId: randomUUID() },
      openid,
    );
  await accountFor(app, 'staff-founder', { phone: '13800000301', password: 'founder2026' });
  expect(await bootstrap('staff-founder', 'not-the-secret')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await bootstrap(DEMO_OPENIDS.newcomer, BOOTSTRAP_SECRET)).toMatchObject({
    ok: false,
    code: 'UNAUTHENTICATED',
  });
  const { member } = data(await bootstrap('staff-founder', BOOTSTRAP_SECRET));
  expect(member).toMatchObject({ role: 'admin', phone: '138****0301', me: true });
  const founderStaff = data(
    await app.call<Envelope<{ members: StaffMemberView[] }>>(
      'admin',
      { action: 'staff', siteId: NEW_SITE },
      'staff-founder',
    ),
  );
  expect(founderStaff.members).toHaveLength(1);
  // once the site has an administrator, the secret makes nobody else one
  expect(await bootstrap(zhangwei, BOOTSTRAP_SECRET)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await bootstrap('staff-founder', BOOTSTRAP_SECRET)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

test('a site’s last administrator cannot delete their account; with a second one they can', async () => {
  const account = <T>(action: string, params: object = {}) =>
    app.call<Envelope<T>>('account', { action, requestId: randomUUID(), ...params }, chenjing);
  data(await account('sendDeletionCode'));
  const code = await lastSmsCode(app, CHEN_JING_PHONE);
  expect(await account('deleteAccount', { code })).toMatchObject({ ok: false, code: 'LAST_ADMIN' });
  expect(await rolesAt(chenjing)).toEqual(['admin']);

  data(await call('grantRole', chenjing, { phone: ZHANG_WEI_PHONE, role: 'admin' }));
  expect(data(await account('deleteAccount', { code }))).toEqual({ deleted: true });
  expect((await staff(zhangwei)).members.filter((m) => m.role === 'admin').map((m) => m.name)).toEqual(['张伟']);
});
