// L2: the test period, on request, once, in the Silent period before T0 + 3 months.
import { statusOperation } from './status-operation.ts';

export const requestTestPeriod = statusOperation('requestTestPeriod', (at) => ({
  type: 'REQUEST_TEST_PERIOD',
  at,
}));
