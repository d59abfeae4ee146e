// L5: individual identity verification; an ID-verification suspension is lifted at once.
import { statusOperation } from './status-operation.ts';

export const verifyIdentity = statusOperation('verifyIdentity', (at) => ({ type: 'VERIFY_IDENTITY', at }), {
  reachesCarrier: false,
});
