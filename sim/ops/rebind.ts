// L6: "Resume Use": the card binds to the device that locked it, and the device-change cause goes.
import { statusOperation } from './status-operation.ts';

export const rebind = statusOperation('rebind', (at) => ({ type: 'REBIND', at }));
