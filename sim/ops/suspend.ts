// L7: manual suspension, only from In use (or Partially in use).
import { statusOperation } from './status-operation.ts';

export const suspend = statusOperation('suspend', (at) => ({ type: 'SUSPEND', at }));
