// C1: the plan vouchers of the account, each with its cards counted by SIM card status, and the
// voucher view: the card list restricted to one voucher, with the same filter and paging.
import { SIM_STATUSES, type SimStatus } from '../machines/status.ts';
import type { BillingCycle } from '../plans/voucher.ts';
import { formatVoucher, type PlanVoucher } from '../plans/voucher.ts';
import type { PlanType } from '../plans/plan-type.ts';
import type { CardFilter } from '../scenario/types-operations.ts';
import type { Carrier } from '../ids/carrier.ts';
import type { World } from '../world.ts';
import { listCards, voucherOf, type CardList } from './cardList.ts';
import { displayMB, type PageRequest } from './units.ts';

export interface VoucherSummary {
  /** Seed form (V2), the one shown. */
  readonly voucher: string;
  /** The API's hyphen form. */
  readonly voucherApi: string;
  readonly carrier: Carrier;
  readonly planType: PlanType;
  readonly billingCycle: BillingCycle;
  readonly rateVersion: number;
  /** Data per cycle, MB; null for pooled plans (UP, UPG), which name a pool instead. */
  readonly tierMB: number | null;
  readonly poolId: string | null;
  readonly cards: number;
  readonly byStatus: Record<SimStatus, number>;
}

export const emptyStatusCounts = (): Record<SimStatus, number> =>
  Object.fromEntries(Object.keys(SIM_STATUSES).map((status) => [status, 0])) as Record<SimStatus, number>;

function summaryOf(voucher: PlanVoucher): VoucherSummary {
  return {
    voucher: voucher.code,
    voucherApi: formatVoucher(voucher, 'api'),
    carrier: voucher.carrier,
    planType: voucher.planType,
    billingCycle: voucher.billingCycle,
    rateVersion: voucher.rateVersion,
    tierMB: voucher.tierBytes === undefined ? null : displayMB(voucher.tierBytes),
    poolId: voucher.poolId ?? null,
    cards: 0,
    byStatus: emptyStatusCounts(),
  };
}

/** GET /api/vouchers: every voucher cards were bought on, in the order first bought. */
export function listVouchers(world: World): VoucherSummary[] {
  const byCode = new Map<string, { -readonly [K in keyof VoucherSummary]: VoucherSummary[K] }>();
  for (const card of world.cards) {
    let summary = byCode.get(card.voucher.code);
    if (!summary) {
      summary = summaryOf(card.voucher);
      byCode.set(card.voucher.code, summary);
    }
    summary.cards++;
    summary.byStatus[card.view.status]++;
  }
  return [...byCode.values()];
}

/**
 * GET /api/vouchers/:code/cards: the voucher view (C1). Either spelling of the code; a voucher no card
 * was bought on is a valid voucher with no cards (an empty page), a malformed one InvalidArgument.
 */
export function voucherCards(
  world: World,
  code: string,
  page: PageRequest = {},
  filter: CardFilter = {},
): CardList {
  return listCards(world, { ...page, filter, voucher: voucherOf(code) });
}
