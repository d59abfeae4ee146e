// L7, L10: manual resume lifts a manual or usage-limit suspension; L8: never an abnormal one (CarrierOnly).
import { statusOperation } from './status-operation.ts';

export const resume = statusOperation('resume', (at) => ({ type: 'RESUME', at }));
