/**
 * 我的预约: my bookings and invitations, newest first — status tag, who, the window in words; tap one for its
 * detail. Read again on every return (a booking decided meanwhile); more as the list is scrolled to its end.
 */
import { myVisits } from '../../../../services/visitor';
import { ROUTES, visitDetailUrl } from '../../../../utils/routes';
import { defineVisitListPage } from '../../utils/visit-list-page';

defineVisitListPage({
  read: myVisits,
  openUrl: visitDetailUrl,
  methods: {
    openBook() {
      wx.navigateTo({ url: ROUTES.bookVisit });
    },
  },
});
