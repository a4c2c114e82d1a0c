/**
 * The README's demo tables — who you can be (with the password to log in) and which cards there are — are written
 * by hand; this checks them row for row against demo/data.ts, so a changed phone, password or card fails here
 * instead of leaving someone unable to log in with what the README says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_PEOPLE, demoCards, demoDocuments } from '../../demo/data';
import { CARD_TYPE_LABELS, type CardType } from '../../miniprogram/core/api/card';
import { ROLE_LABELS } from '../../miniprogram/core/roles';

const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

/** The rows of the first table under `heading`, each as its cells without backticks; the header row excluded. */
function tableUnder(heading: string): string[][] {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "${heading}"`);
  const section = readme.slice(start + heading.length + 2).split(/\n#{1,6} /)[0];
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim().replaceAll('`', '')),
    );
  // the header row, then the |---| line
  return rows.slice(2);
}

/** Site and house names as the README writes them. */
async function names(): Promise<{ site: Map<string, string>; house: Map<string, string> }> {
  const docs = await demoDocuments(new Date());
  const byId = (collection: string, field: string) =>
    new Map(docs[collection].map((doc) => [String(doc._id), String(doc[field])]));
  return { site: byId('sites', 'name'), house: byId('houses', 'label') };
}

test('the demo people table lists every demo person with their roles, sites, phone, account ID and password', async () => {
  const { site, house } = await names();
  const expected = DEMO_PEOPLE.map(({ openid, name, roles, account }) => [
    openid,
    name,
    roles
      .map(([siteId, role, houseId]) =>
        [`${ROLE_LABELS[role]} (${role}), ${site.get(siteId)}`, houseId ? ` ${house.get(houseId)}` : ''].join(''),
      )
      .join('; '),
    account.phone,
    account.accountId,
    account.password,
  ]);
  const listed = tableUnder('### Demo identities').filter(([openid]) => openid.startsWith('demo-'));
  const people = listed.filter(([openid]) => DEMO_PEOPLE.some((person) => person.openid === openid));
  expect(people).toEqual(expected);
  // everyone else in the table (the newcomer) has no account to show
  for (const row of listed.filter((r) => !people.includes(r))) expect(row.slice(2)).toEqual(['—', '—', '—', '—']);
});

test('the demo cards table lists every card with its type, site, registered phone and the demo person it is', async () => {
  const { site } = await names();
  const expected = demoCards().map(({ siteId, number, type, phone }) => [
    number,
    CARD_TYPE_LABELS[type as CardType],
    site.get(siteId),
    phone,
    DEMO_PEOPLE.find((person) => person.account.phone === phone)?.name ?? '—',
  ]);
  expect(tableUnder('### Demo cards')).toEqual(expected);
});
