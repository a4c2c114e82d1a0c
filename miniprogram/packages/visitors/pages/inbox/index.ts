/**
 * 访客审批: the bookings I may decide (as their host, or as the site's administrator where it says so) — pending
 * first, with how many wait; tap one for its approval page. Read again on every return, after a decision.
 */
import { visitInbox } from '../../../../services/visitor';
import { visitApprovalUrl } from '../../../../utils/routes';
import { defineVisitListPage } from '../../utils/visit-list-page';

defineVisitListPage({
  read: visitInbox,
  openUrl: visitApprovalUrl,
  extra: (answer) => ({ pending: answer.pending }),
});
