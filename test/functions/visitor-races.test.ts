import { DEMO_OPENIDS, useAppCloud } from '../support/app-cloud';
import { data } from '../support/fixtures';
import { bookingForm, setVisitorSettings, visitorCall } from '../support/visitors';

// A decision is single (R18): approvers deciding one visit at once → exactly one decides, every other is CONFLICT,
// and an approval issues exactly one pass.

const app = useAppCloud();
const APPROVERS = [DEMO_OPENIDS.resident, DEMO_OPENIDS.admin];

beforeAll(async () => {
  data(await setVisitorSettings(app, { adminsApprove: true }));
}, 120_000);

test('20 rounds of 2–10 parallel decisions: one wins, the others are CONFLICT', async () => {
  for (let round = 0; round < 20; round += 1) {
    const visit = data(await visitorCall(app, `racer-${round}`, 'book', bookingForm(app))).visit;
    const deciders = 2 + (round % 9);
    const answers = await Promise.all(
      Array.from({ length: deciders }, (_, i) =>
        visitorCall(app, APPROVERS[i % 2], 'decide', { visitId: visit.id, approve: i % 3 !== 1 }),
      ),
    );
    const won = answers.filter((a) => a.ok);
    expect(won).toHaveLength(1);
    for (const lost of answers.filter((a) => !a.ok)) expect(lost).toMatchObject({ code: 'CONFLICT' });
    const [stored] = app.lc.db.find('visits', { _id: visit.id }, {});
    const issued = app.lc.db.find('accessRecords', { kind: 'issue', visitId: visit.id }, {});
    expect(issued).toHaveLength(stored.status === 'approved' ? 1 : 0);
    expect(won[0].ok && won[0].data.visit.status).toBe(stored.status);
  }
}, 180_000);
