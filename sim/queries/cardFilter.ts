// C2: the console's advanced search, one field at a time; every field given narrows, none means all
// cards. The filter is checked and compiled once per query, then asked of each card, so a scan of
// 100,000 cards costs a few comparisons per card; ICCID, MSISDN and pool fields also narrow the
// cards looked at before any is asked (compileFilter's `candidates`).
//
// Decisions where the rules are silent:
// - ICCID, MSISDN, IMSI: a smart card matches by its sub-cards' numbers too (the console finds a
//   smart card by any of them). An empty ICCID list is refused rather than read as "all" or "none".
// - Pool: a UP/UPG card's pool ID, or for SF/SFD the same-tier pool keyed by its voucher code (either
//   spelling of that code is accepted).
// - Activation and expiry ranges are [from, to); expiry is the end of the last service period
//   (serviceEndsAt). A card not activated yet has neither and matches no range.
// - Usage is the console's cycle usage in MB (P4: up to 24:00 of the previous day), compared exactly.
// - Remaining data: see allowance.ts (live figures; cards not in service never match).
// - Verification status: `idVerified: true` matches cards that completed individual identity
//   verification (every sub-card, for smart cards); `false` matches cards bought with verification that
//   have not completed it. Cards bought without it have nothing to verify and match neither.
import { machinesOf, type Card } from '../cards/card.ts';
import { TwinError } from '../errors.ts';
import { isCarrier } from '../ids/carrier.ts';
import { SIM_STATUSES, SPECIFIC_STATUSES } from '../machines/status.ts';
import { isPlanType } from '../plans/plan-type.ts';
import { tryParseVoucher } from '../plans/voucher.ts';
import type { CardFilter, TimeRange } from '../scenario/types-operations.ts';
import type { Comparison } from '../scenario/types.ts';
import type { World } from '../world.ts';
import { allowanceOf, PoolRealizer } from './allowance.ts';
import { exactMB } from './units.ts';

export type { CardFilter, TimeRange };

/** The shares C2 offers for remaining data (the API's MaxRestFlowPercentage). */
export const REMAINING_SHARES: readonly number[] = [0.1, 0.2, 0.3];

export interface CompiledFilter {
  /** Does the card pass every field? */
  readonly test: (card: Card) => boolean;
  /** The only cards that can match, in creation order (all cards when no field narrows them). */
  readonly candidates: readonly Card[];
}

export type VerificationStatus = 'notRequired' | 'pending' | 'verified';

/** L5: where a card stands with individual identity verification. */
export function verificationStatus(card: Card): VerificationStatus {
  if (!card.idVerification) return 'notRequired';
  const verified = machinesOf(card).every((m) => m.getSnapshot().context.identityVerified);
  return verified ? 'verified' : 'pending';
}

/** Is a card's ICCID (or one of its sub-cards') in the set? */
function hasIccid(card: Card, iccids: ReadonlySet<string>): boolean {
  return iccids.has(card.iccid) || card.subCards.some((s) => iccids.has(s.iccid));
}

const inRange = (t: number | null, range: TimeRange): boolean =>
  t !== null && (range.from === undefined || t >= range.from) && (range.to === undefined || t < range.to);

export function compares(value: number, comparison: Comparison): boolean {
  if (comparison.equals !== undefined && value !== Number(comparison.equals)) return false;
  if (comparison.min !== undefined && value < comparison.min) return false;
  if (comparison.max !== undefined && value > comparison.max) return false;
  return true;
}

/** A pool reference as the filter means it: a same-tier pool's voucher code in the seed form. */
function poolKey(pool: string): string {
  const parsed = tryParseVoucher(pool);
  return parsed.ok ? parsed.voucher.code : pool;
}

/** Checks what types cannot: values from a request. InvalidArgument names the field and the value. */
export function checkFilter(filter: CardFilter): void {
  const bad = (field: string, problem: string): never => {
    throw new TwinError('InvalidArgument', `filter.${field}: ${problem}`);
  };
  if (filter.iccids !== undefined && filter.iccids.length === 0) bad('iccid', 'give at least one ICCID');
  if (filter.carrier !== undefined && !isCarrier(filter.carrier))
    bad('carrier', `unknown carrier "${String(filter.carrier)}"; expected CM, CU, CT or AL`);
  if (filter.planType !== undefined && !isPlanType(filter.planType))
    bad('planType', `unknown plan type "${String(filter.planType)}"; expected SC, SCD, SF, SFD, UP or UPG`);
  if (filter.status !== undefined && !Object.hasOwn(SIM_STATUSES, filter.status))
    bad('status', `unknown SIM card status "${String(filter.status)}"`);
  if (filter.specificStatus !== undefined && !Object.hasOwn(SPECIFIC_STATUSES, filter.specificStatus))
    bad('specificStatus', `unknown specific status "${String(filter.specificStatus)}"`);
  for (const field of ['activated', 'expires'] as const) {
    const range = filter[field];
    if (range === undefined) continue;
    for (const end of [range.from, range.to]) {
      if (end !== undefined && !Number.isSafeInteger(end)) bad(field, `${String(end)} is not a sim time`);
    }
    if (range.from !== undefined && range.to !== undefined && range.from > range.to)
      bad(field, 'from must not be after to');
  }
  const usage = filter.usageMB;
  if (usage !== undefined) {
    if (usage.equals !== undefined && !Number.isFinite(Number(usage.equals)))
      bad('usageMB', `${String(usage.equals)} is not a number of MB`);
    for (const bound of [usage.min, usage.max]) {
      if (bound !== undefined && !Number.isFinite(bound)) bad('usageMB', `${String(bound)} is not a number`);
    }
    if (usage.min !== undefined && usage.max !== undefined && usage.min > usage.max)
      bad('usageMB', `the lower bound ${usage.min} is above the upper bound ${usage.max}`);
  }
  const share = filter.remainingShareAtMost;
  if (share !== undefined && !REMAINING_SHARES.includes(share))
    bad('remainingAtMost', `${String(share)} is not one of 10 %, 20 % or 30 %`);
}

/** Checks the filter, then turns it into a predicate and the cards worth asking. */
export function compileFilter(world: World, filter: CardFilter): CompiledFilter {
  checkFilter(filter);
  const iccids = filter.iccids === undefined ? undefined : new Set(filter.iccids);
  const pool = filter.pool === undefined ? undefined : poolKey(filter.pool);
  const voucher = filter.voucher?.code;
  const pools = new PoolRealizer(world);
  const traffic = world.traffic;
  // Whole percent, compared in integers so that 10 MB left of 100 is exactly "at most 10 %".
  const percent =
    filter.remainingShareAtMost === undefined ? 0 : Math.round(filter.remainingShareAtMost * 100);

  const test = (card: Card): boolean => {
    const view = card.view;
    if (iccids !== undefined && !hasIccid(card, iccids)) return false;
    if (filter.msisdn !== undefined && card.msisdn !== filter.msisdn) {
      if (!card.subCards.some((s) => s.msisdn === filter.msisdn)) return false;
    }
    if (filter.imsi !== undefined && card.imsi !== filter.imsi) {
      if (!card.subCards.some((s) => s.imsi === filter.imsi)) return false;
    }
    if (voucher !== undefined && card.voucher.code !== voucher) return false;
    if (filter.carrier !== undefined && card.carrier !== filter.carrier) return false;
    if (filter.planType !== undefined && card.voucher.planType !== filter.planType) return false;
    if (filter.status !== undefined && view.status !== filter.status) return false;
    if (filter.specificStatus !== undefined && view.specificStatus !== filter.specificStatus) return false;
    if (filter.tag !== undefined && !card.tags.includes(filter.tag)) return false;
    if (pool !== undefined && world.poolOf(card)?.id !== pool) return false;
    if (filter.activated !== undefined && !inRange(view.activatedAt, filter.activated)) return false;
    if (filter.expires !== undefined && !inRange(card.serviceEndsAt, filter.expires)) return false;
    if (filter.autoRenew !== undefined && card.autoRenew !== filter.autoRenew) return false;
    if (filter.idVerified !== undefined) {
      const status = verificationStatus(card);
      if (status !== (filter.idVerified ? 'verified' : 'pending')) return false;
    }
    // The costly fields last: they realize the card's traffic up to now.
    if (filter.usageMB !== undefined && !compares(exactMB(traffic.consoleMonthCarried(card)), filter.usageMB))
      return false;
    if (filter.remainingShareAtMost !== undefined) {
      const allowance = allowanceOf(world, card, pools);
      if (!allowance || allowance.remainingBytes * 100 > percent * allowance.allowanceBytes) return false;
    }
    return true;
  };

  return { test, candidates: candidatesOf(world, filter, iccids, pool) };
}

/** The smallest set of cards the indexed fields allow, in creation order. */
function candidatesOf(
  world: World,
  filter: CardFilter,
  iccids: ReadonlySet<string> | undefined,
  pool: string | undefined,
): readonly Card[] {
  let best: readonly Card[] = world.cards;
  const consider = (cards: readonly Card[]): void => {
    if (cards.length < best.length) best = cards;
  };
  if (iccids !== undefined) consider(lookUp(world, [...iccids]));
  if (filter.msisdn !== undefined) consider(lookUp(world, [filter.msisdn]));
  if (pool !== undefined) consider(world.pools.get(pool)?.cards ?? []);
  return best;
}

/** Cards found by ICCID or MSISDN (a sub-card's finds its smart card), once each, in creation order. */
function lookUp(world: World, refs: readonly string[]): Card[] {
  const found = new Set<Card>();
  for (const ref of refs) {
    const card = world.findCard(ref);
    if (card) found.add(card);
  }
  return [...found].sort((a, b) => a.index - b.index);
}

/** C2: does one card pass the filter? (For many cards, compile once with compileFilter.) */
export function matchesFilter(world: World, card: Card, filter: CardFilter): boolean {
  return compileFilter(world, filter).test(card);
}
