/** 访客预约 (R13): a visitor books a visit to a resident; the form is shared with 邀请访客 (utils/visit-form-page.ts). */
import { defineVisitFormPage } from '../../utils/visit-form-page';

defineVisitFormPage('book');
