import type { TimerContext } from '../platform/router';
import { deleteStoredFile } from '../platform/cloud';
import { VisitRepository } from './visits';

/**
 * Retention (X7): a visit's sealed ID number and face photo are deleted its site's number of days after the visit
 * (`retainUntil`, fixed when it was booked); the booking keeps its masked summary (the masked ID number included),
 * so lists, records and the approver's view still read right. Run daily by the visitor function's `retention` timer.
 * A photo storage would not delete is left for the next run, with the booking untouched.
 */
const BATCH = 100;
const MAX_BATCHES = 20;

export async function purgeExpiredVisitorData({ now }: TimerContext): Promise<{ purged: number }> {
  const visits = new VisitRepository();
  const _ = visits.command();
  let purged = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const due = await visits.dueForRetention(now, BATCH);
    let progressed = false;
    for (const visit of due) {
      if (visit.faceFileId && !(await deleteStoredFile(visit.faceFileId))) continue;
      await visits.update(visit._id, {
        ...(visit.visitor.idNumber
          ? { 'visitor.idNumber.sealed': _.remove(), 'visitor.idNumber.hash': _.remove() }
          : {}),
        ...(visit.faceFileId ? { faceFileId: _.remove() } : {}),
        purgedAt: now,
      });
      purged += 1;
      progressed = true;
    }
    if (due.length < BATCH || !progressed) break;
  }
  return { purged };
}
