// One card as the console's card list shows it (seed "Basic interface information"): the same row
// backs GET /api/cards, the voucher view (C1) and the export (C8), so the three never disagree.
import type { Card } from '../cards/card.ts';
import type { Carrier } from '../ids/carrier.ts';
import type {
  ActivationType,
  SimStatus,
  SimStatusCode,
  SpecificStatus,
  SpecificStatusCode,
} from '../machines/status.ts';
import type { PlanType } from '../plans/plan-type.ts';
import type { SimTime } from '../time/calendar.ts';
import type { World } from '../world.ts';
import { displayMB } from './units.ts';

export interface CardRow {
  readonly iccid: string;
  /** I2: null for smart cards, whose sub-cards have the MSISDNs. */
  readonly msisdn: string | null;
  /** The plan voucher in the seed form (V2). */
  readonly voucher: string;
  readonly carrier: Carrier;
  readonly planType: PlanType;
  readonly status: SimStatus;
  readonly statusCode: SimStatusCode;
  readonly specificStatus: SpecificStatus;
  readonly osStatus: SpecificStatusCode;
  /** P4: cumulative traffic in cycle as the console shows it (up to 24:00 yesterday), MB, 2 decimals. */
  readonly cycleUsageMB: number;
  /** The same, exact, in bytes. */
  readonly cycleUsageBytes: number;
  readonly tags: readonly string[];
  readonly remark: string;
  readonly activationType: ActivationType | null;
  readonly activatedAt: SimTime | null;
  /** End (exclusive) of the last service period (T5); null until activation. */
  readonly expiresAt: SimTime | null;
  readonly autoRenew: boolean;
  /** L13: a cancellation is requested and not complete yet. */
  readonly pendingCancellation: boolean;
  /** The pool the card draws on: a UP/UPG pool ID or a same-tier pool's voucher code; null for single-card plans. */
  readonly pool: string | null;
}

export function cardRow(world: World, card: Card): CardRow {
  const view = card.view;
  const cycleBytes = world.traffic.consoleMonthCarried(card);
  return {
    iccid: card.iccid,
    msisdn: card.msisdn,
    voucher: card.voucher.code,
    carrier: card.carrier,
    planType: card.voucher.planType,
    status: view.status,
    statusCode: view.statusCode,
    specificStatus: view.specificStatus,
    osStatus: view.osStatus,
    cycleUsageMB: displayMB(cycleBytes),
    cycleUsageBytes: cycleBytes,
    tags: [...card.tags],
    remark: card.remark,
    activationType: view.activationType,
    activatedAt: view.activatedAt,
    expiresAt: card.serviceEndsAt,
    autoRenew: card.autoRenew,
    pendingCancellation: view.pendingCancellation,
    pool: world.poolOf(card)?.id ?? null,
  };
}
