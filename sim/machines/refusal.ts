// Why a card refuses an event. The machine decides whether an event is taken (`snapshot.can`);
// this says which error code and sentence a refused one gets, for the user who asked.
import type { Refusal } from '../errors.ts';
import type { CardEvent } from './card-events.ts';
import { causeBit } from './status.ts';
import { cardStatusView, phaseOf, type CardSnapshot } from './status-view.ts';

const SAME_TIER_POOL = ['SF', 'SFD'];

export function explainRefusal(snapshot: CardSnapshot, event: CardEvent): Refusal {
  const context = snapshot.context;
  const phase = phaseOf(snapshot);
  const shown = cardStatusView(snapshot).specificStatus;
  const card = context.iccid;
  const notIn = (what: string): Refusal => ({
    code: 'StatusNotAllowed',
    message: `card ${card} is ${shown}: ${what}`,
  });
  if (phase === 'canceled')
    return { code: 'CardCanceled', message: `card ${card} is canceled and refuses every operation` };
  switch (event.type) {
    case 'REQUEST_TEST_PERIOD':
      if (phase !== 'silent') return notIn('the test period can only be requested in Silent period (L2)');
      return {
        code: 'TestPeriodUnavailable',
        message: context.testPeriodUsed
          ? `card ${card} has had its test period already (once per card, L2)`
          : `card ${card} is past T0 + 3 months, when the test period can no longer start (L2)`,
      };
    case 'ACTIVATE':
      return notIn('only a card in Silent period or Test period can be activated (L3)');
    case 'FORCE_ACTIVATE':
      if (!SAME_TIER_POOL.includes(context.planType)) {
        return {
          code: 'PlanTypeNotSupported',
          message: `card ${card} is on a ${context.planType} plan: manual forced activation is for same-tier pool plans (SF, SFD) only (L14)`,
        };
      }
      return notIn('manual forced activation is for inactive cards, in Silent period or Test period (L14)');
    case 'VERIFY_IDENTITY':
      return context.idVerification
        ? notIn('its identity is verified already (L5)')
        : notIn('it was not bought with individual identity verification (L5)');
    case 'SUSPEND':
      if (context.cancellationCompletesAt !== null) return notIn('its cancellation is pending (L13)');
      return notIn('only a card In use can be suspended manually (L7)');
    case 'RESUME':
      if (context.cancellationCompletesAt !== null)
        return notIn('its cancellation is pending and cannot be undone (L13)');
      if (context.causes & causeBit('abnormal')) {
        return {
          code: 'CarrierOnly',
          message: `card ${card} is Suspended (abnormal): only the carrier can resume it (L8)`,
        };
      }
      return notIn(
        'resume lifts a manual or usage-limit suspension only; other causes have their own remedy (L6, L5, L9)',
      );
    case 'REBIND':
      return notIn('Resume Use is for a card Suspended (device change) (L6)');
    case 'REQUEST_CANCELLATION':
      if (context.cancellationCompletesAt !== null) return notIn('its cancellation is already pending (L13)');
      return notIn('cancellation can be requested only for a Deactivated or Manually suspended card (L13)');
    case 'RENEW':
      if (context.cancellationCompletesAt !== null) return notIn('its cancellation is pending (L13)');
      return notIn('renewal brings back only a Deactivated card (L15)');
    case 'SYSTEM_SUSPEND':
      return notIn(`it cannot be suspended for ${event.cause} now`);
    case 'SYSTEM_LIFT':
      return notIn(`it is not suspended for ${event.cause}`);
    default:
      return notIn(`${event.type} does not apply`);
  }
}
