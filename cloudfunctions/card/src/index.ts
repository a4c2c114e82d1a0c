import { phone, smsCode } from '../../../miniprogram/core/account-rules';
import type { CardActions } from '../../../miniprogram/core/api/card';
import { cardNumber } from '../../../miniprogram/core/card-rules';
import { documentId, object, oneOf, string } from '../../../miniprogram/core/validate';
import { bindCard, cardDetail, listCards, sendCardCode, unbindCard } from '../../../server/cards/self-service';
import { createFunction } from '../../../server/platform/router';

const cardIdentity = {
  siteId: documentId('场区'),
  type: oneOf(['member', 'stored', 'access'] as const, '卡类型'),
  number: cardNumber,
  phone,
};

/** 自助卡务 (R9–R12): server/cards/self-service.ts does what each action says. */
export const main = createFunction<CardActions>('card', {
  sendCode: {
    mutating: true,
    input: object(cardIdentity),
    run: sendCardCode,
  },

  bind: {
    mutating: true,
    input: object({ ...cardIdentity, code: smsCode }),
    run: bindCard,
  },

  list: {
    input: object({}),
    run: listCards,
  },

  detail: {
    input: object({ cardId: string({ label: '卡', max: 100 }) }),
    run: cardDetail,
  },

  unbind: {
    mutating: true,
    input: object({ cardId: string({ label: '卡', max: 100 }) }),
    run: unbindCard,
  },
});
