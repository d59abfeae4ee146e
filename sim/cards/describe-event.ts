// How a machine event reads in a status-change event (its cause) and in operation records (C9).
import type { CardEvent } from '../machines/card-events.ts';

/** The cause named in a `card.status` event (S2). */
export function causeOf(event: CardEvent, deviceChanged: boolean): string {
  switch (event.type) {
    case 'ACTIVATE':
      return event.activationType;
    case 'FORCE_ACTIVATE':
      return 'manage';
    case 'TRAFFIC':
      return deviceChanged ? 'deviceChange' : 'first_data_record';
    case 'REQUEST_TEST_PERIOD':
      return 'testPeriod';
    case 'TEST_PERIOD_ENDED':
      return event.reason === 'expired' ? 'testPeriodExpired' : 'testDataUsedUp';
    case 'VERIFY_IDENTITY':
      return 'idVerification';
    case 'SUSPEND':
    case 'RESUME':
      return 'manual';
    case 'REBIND':
      return 'rebind';
    case 'SYSTEM_SUSPEND':
    case 'SYSTEM_LIFT':
      return event.cause;
    case 'PLAN_EXPIRED':
      return 'planExpired';
    case 'RENEW':
      return 'renewal';
    case 'REQUEST_CANCELLATION':
      return 'cancellationRequested';
    case 'CANCEL':
      return event.reason === 'requested' ? 'cancellation' : 'autoCancel';
  }
}

/** The action of an operation record (C9), in the console's words. */
export function actionOf(event: CardEvent): string {
  switch (event.type) {
    case 'REQUEST_TEST_PERIOD':
      return 'Test period started';
    case 'TEST_PERIOD_ENDED':
      return event.reason === 'expired' ? 'Test period ended' : 'Test data used up';
    case 'ACTIVATE':
      return event.activationType === 'silence_expire'
        ? 'Forcibly activated (silent period ended)'
        : 'Activated';
    case 'FORCE_ACTIVATE':
      return 'Forcibly activated (manual)';
    case 'VERIFY_IDENTITY':
      return 'Identity verified';
    case 'TRAFFIC':
      return 'Traffic';
    case 'SUSPEND':
      return 'Suspended';
    case 'RESUME':
      return 'Resumed';
    case 'REBIND':
      return 'Rebound (Resume Use)';
    case 'SYSTEM_SUSPEND':
      return `Suspended (${event.cause})`;
    case 'SYSTEM_LIFT':
      return `Resumed (${event.cause} lifted)`;
    case 'PLAN_EXPIRED':
      return 'Plan expired';
    case 'RENEW':
      return 'Renewed';
    case 'REQUEST_CANCELLATION':
      return 'Cancellation requested';
    case 'CANCEL':
      return event.reason === 'requested' ? 'Canceled' : 'Canceled (three months deactivated)';
  }
}
