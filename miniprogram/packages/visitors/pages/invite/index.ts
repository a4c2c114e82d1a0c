/** 邀请访客 (P7): a resident invites a visitor, no approval where the site allows it (utils/visit-form-page.ts). */
import { defineVisitFormPage } from '../../utils/visit-form-page';

defineVisitFormPage('invite');
