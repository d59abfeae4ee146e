// Smart cards (RULES.md section 5): a main card of the virtual carrier AL with one sub-card per
// network carrier, each with its own identities and its own status machine (M1). The main card's
// status is derived from its sub-cards' (M2); it holds no status of its own, so the two can never
// disagree.
import { setup } from 'xstate';
import type { NetworkCarrier } from '../ids/carrier.ts';
import { cardMachine, type CardInput } from './card-machine.ts';
import { SIM_STATUSES, SPECIFIC_STATUSES, STATUS_OF_SPECIFIC, type SpecificStatus } from './status.ts';
import type { StatusView } from './status-view.ts';

/** A sub-card runs the same lifecycle as a single-network card: one machine, two uses. */
export const subCardMachine = cardMachine;

export interface SubCardIdentity {
  readonly carrier: NetworkCarrier;
  readonly iccid: string;
  readonly msisdn: string;
  readonly imsi: string;
}

export interface SmartCardInput extends CardInput {
  readonly subCards: readonly SubCardIdentity[];
}

export const smartCardMachine = setup({
  types: { context: {} as SmartCardInput, input: {} as SmartCardInput },
  actors: { subCard: subCardMachine },
}).createMachine({
  id: 'smartCard',
  context: ({ input, spawn }) => {
    // M1: one sub-card actor per network carrier, as children named by carrier.
    for (const sub of input.subCards) {
      spawn('subCard', {
        id: sub.carrier,
        input: {
          iccid: sub.iccid,
          planType: input.planType,
          orderedAt: input.orderedAt,
          testPeriodEndsAt: input.testPeriodEndsAt,
          idVerification: input.idVerification,
        },
      });
    }
    return input;
  },
});

export type SmartCardMachine = typeof smartCardMachine;

// Among sub-cards that are not in use, which status the main card shows when they differ: a
// suspension first (it needs action), then the livelier of the inactive ones (decision).
const INACTIVE_RANK: SpecificStatus[] = ['Test period', 'Silent period', 'Deactivated', 'Canceled'];

/** M2: the main card's status from its sub-cards' statuses. */
export function smartCardStatusView(subViews: readonly StatusView[]): StatusView {
  const first = subViews[0];
  if (!first) throw new RangeError('a smart card has at least one sub-card');
  const specificStatus = mainSpecificStatus(subViews);
  const status = STATUS_OF_SPECIFIC[specificStatus];
  const activated = subViews
    .filter((v) => v.activatedAt !== null)
    .sort((a, b) => a.activatedAt! - b.activatedAt!);
  const causes = new Set(subViews.flatMap((v) => v.causes));
  return {
    status,
    statusCode: SIM_STATUSES[status],
    specificStatus,
    osStatus: SPECIFIC_STATUSES[specificStatus],
    causes: [...causes].sort(),
    pendingCancellation: subViews.every((v) => v.pendingCancellation),
    activationType: activated[0]?.activationType ?? null,
    activatedAt: activated[0]?.activatedAt ?? null,
  };
}

function mainSpecificStatus(subViews: readonly StatusView[]): SpecificStatus {
  const first = subViews[0]!.specificStatus;
  if (subViews.every((v) => v.specificStatus === first)) return first;
  // M2: one sub-card In use and another not (unused or suspended): Partially in use.
  if (subViews.some((v) => v.specificStatus === 'In use')) return 'Partially in use';
  const suspended = subViews.filter((v) => v.status === 'Suspended').sort((a, b) => b.osStatus - a.osStatus);
  if (suspended[0]) return suspended[0].specificStatus;
  for (const candidate of INACTIVE_RANK)
    if (subViews.some((v) => v.specificStatus === candidate)) return candidate;
  return first;
}
