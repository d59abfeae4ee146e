// L3: manual activation in the silent or test period; the card is In use, activation type `manage`.
import { statusOperation } from './status-operation.ts';

export const activate = statusOperation('activate', (at) => ({
  type: 'ACTIVATE',
  at,
  activationType: 'manage',
}));
