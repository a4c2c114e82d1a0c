/**
 * What both legal texts fill in: the operator the property named (config/operator.ts) and the edition the register
 * form asks people to agree to (core/consent.ts), so the page a person read is the edition the server records.
 */
import { OPERATOR } from '../../config/operator';
import { LEGAL_EDITION_LABEL } from '../../core/consent';

export const LEGAL_PAGE_DATA = {
  operator: OPERATOR,
  edition: LEGAL_EDITION_LABEL,
};
