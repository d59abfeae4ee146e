// L14: manual forced activation of an inactive same-tier pool card (SF, SFD); it grows the pool (P1).
import { statusOperation } from './status-operation.ts';

export const forceActivate = statusOperation('forceActivate', (at) => ({ type: 'FORCE_ACTIVATE', at }));
