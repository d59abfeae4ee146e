// The six plan types of a plan voucher (V3) and the facts the rest of the twin asks about them, in one table
// so that no caller re-derives "is this a pool?" from the letters of the code.

export const PLAN_TYPES = ['SC', 'SCD', 'SF', 'SFD', 'UP', 'UPG'] as const;
export type PlanType = (typeof PLAN_TYPES)[number];

/** `sameTier`: every card brings its tier to a shared monthly allowance (P1). `pooled`: a pool of a bought
 * size, named by a pool ID chosen by the buyer (P2, V5). */
export type PoolKind = 'sameTier' | 'pooled';

/** What happens when the plan's data is used up: the card stops (P3, L9), every card of the pool is
 * suspended (P2), or the excess is billed as overage (P1). */
export type ExhaustionEffect = 'stopCard' | 'suspendPool' | 'billOverage';

/** `renew` buys more periods (T2); `addOn` buys an add-on package (T3). */
export type TopUpKind = 'renew' | 'addOn';

/** The API's DataType values (linkcard-enums.md, DataType). */
export type ApiDataType =
  'singlecard' | 'directionalcard' | 'sameflowcard' | 'directional_sameflowcard' | 'unityPayPool' | 'GREcard';

export interface PlanTypeFacts {
  readonly planType: PlanType;
  /** The seed page's English name. */
  readonly name: string;
  readonly isPool: boolean;
  readonly poolKind: PoolKind | undefined;
  /** V5: the voucher ends in a pool ID instead of a data tier. */
  readonly hasPoolId: boolean;
  /** V6: traffic only to whitelisted destinations. */
  readonly directional: boolean;
  readonly onExhaustion: ExhaustionEffect;
  /** T1, T3: the top-ups this plan type accepts; empty for pooled plans. */
  readonly topUpKinds: readonly TopUpKind[];
  readonly apiDataType: ApiDataType;
}

const SINGLE_CARD_TOP_UPS: readonly TopUpKind[] = ['renew', 'addOn']; // T1, T3
const SAME_TIER_TOP_UPS: readonly TopUpKind[] = ['renew']; // T3: same-tier pools refuse add-ons.
const POOLED_TOP_UPS: readonly TopUpKind[] = []; // T1: add cards or expand the pool instead.

// UP/UPG to API data type: the rules book's V3 list names five values and omits `GREcard`, but the API
// reference defines `unityPayPool` as the general unified-payment pool and `GREcard` as the directional
// one. The seed says UPG is the directional pooled plan, so UP -> unityPayPool and UPG -> GREcard.
// (The reference's credential-code table glosses UPG only as "unified-payment pool"; the seed wins.)
export const PLAN_TYPE_FACTS: Readonly<Record<PlanType, PlanTypeFacts>> = {
  SC: {
    planType: 'SC',
    name: 'Single-card plan',
    isPool: false,
    poolKind: undefined,
    hasPoolId: false,
    directional: false,
    onExhaustion: 'stopCard',
    topUpKinds: SINGLE_CARD_TOP_UPS,
    apiDataType: 'singlecard',
  },
  SCD: {
    planType: 'SCD',
    name: 'Single-card directional plan',
    isPool: false,
    poolKind: undefined,
    hasPoolId: false,
    directional: true,
    onExhaustion: 'stopCard',
    topUpKinds: SINGLE_CARD_TOP_UPS,
    apiDataType: 'directionalcard',
  },
  SF: {
    planType: 'SF',
    name: 'Same-tier pool plan',
    isPool: true,
    poolKind: 'sameTier',
    hasPoolId: false,
    directional: false,
    onExhaustion: 'billOverage',
    topUpKinds: SAME_TIER_TOP_UPS,
    apiDataType: 'sameflowcard',
  },
  SFD: {
    planType: 'SFD',
    name: 'Same-tier pool directional plan',
    isPool: true,
    poolKind: 'sameTier',
    hasPoolId: false,
    directional: true,
    onExhaustion: 'billOverage',
    topUpKinds: SAME_TIER_TOP_UPS,
    apiDataType: 'directional_sameflowcard',
  },
  UP: {
    planType: 'UP',
    name: 'Pooled data plan',
    isPool: true,
    poolKind: 'pooled',
    hasPoolId: true,
    directional: false,
    onExhaustion: 'suspendPool',
    topUpKinds: POOLED_TOP_UPS,
    apiDataType: 'unityPayPool',
  },
  UPG: {
    planType: 'UPG',
    name: 'Pooled directional data plan',
    isPool: true,
    poolKind: 'pooled',
    hasPoolId: true,
    directional: true,
    onExhaustion: 'suspendPool',
    topUpKinds: POOLED_TOP_UPS,
    apiDataType: 'GREcard',
  },
};

export function isPlanType(text: unknown): text is PlanType {
  return typeof text === 'string' && (PLAN_TYPES as readonly string[]).includes(text);
}

export function planTypeFacts(planType: PlanType): PlanTypeFacts {
  return PLAN_TYPE_FACTS[planType];
}

/** T1, T3: whether `planType` accepts a top-up of `kind`. */
export function allowsTopUp(planType: PlanType, kind: TopUpKind): boolean {
  return PLAN_TYPE_FACTS[planType].topUpKinds.includes(kind);
}

/** The plan type behind an API DataType (the mapping is one to one). */
export function planTypeOfApiDataType(dataType: ApiDataType): PlanType {
  const found = PLAN_TYPES.find((planType) => PLAN_TYPE_FACTS[planType].apiDataType === dataType);
  // Every ApiDataType appears in the table above; the test suite checks it.
  if (found === undefined) throw new RangeError(`no plan type has API data type ${dataType}`);
  return found;
}
