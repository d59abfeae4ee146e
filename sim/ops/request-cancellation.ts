// L13: only for a Deactivated or Manually suspended card; irreversible; completes at 00:00 on the 1st
// of the next month when asked before the 20th, of the month after next from the 20th on.
import { cancellationCompletesAt } from '../time/rule-dates.ts';
import { statusOperation } from './status-operation.ts';

export const requestCancellation = statusOperation(
  'requestCancellation',
  (at) => ({ type: 'REQUEST_CANCELLATION', at, completesAt: cancellationCompletesAt(at) }),
  { reachesCarrier: false },
);
