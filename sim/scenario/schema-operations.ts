// The arguments (`with`) of every operation of SCENARIOS.md, and which operations select cards.
// Values an operation can be refused for at run time (a tag that would pass 3 per card, a file name
// outside the store, renewal periods a yearly plan does not offer) are left to the run, so that a
// scenario can expect that refusal; what can never be right (quantity 4, a 300-character remark) is
// refused here.
import { z } from 'zod';
import { RENEWAL_PERIODS, ADD_ON_QUANTITIES } from '../plans/voucher.ts';
import type { SubCardArgs, TopUpArgs, UsageLimitArgs } from './types.ts';
import { FleetEntrySchema } from './schema-fleet.ts';
import { AddRuleArgs, ExportArgsSchema, RuleName } from './schema-rules.ts';
import {
  DataSizeText,
  DurationText,
  MegabytesNumber,
  NetworkCarrierName,
  PoolId,
  ProfileName,
  SubCardRef,
  TagText,
  VoucherText,
  expecting,
} from './schema-values.ts';

const subCards = {
  subCards: z
    .array(SubCardRef, expecting('a list of sub-cards, e.g. [CM, CU]'))
    .min(1, { error: 'name at least one sub-card, or leave subCards out for all' })
    .optional()
    .describe('smart cards (M3): only these sub-cards, by carrier (CM, CU, CT) or MSISDN; default all'),
};

const withSubCards = <T extends { subCards?: readonly string[] | undefined }>(args: T) => {
  const { subCards: list, ...rest } = args;
  return { ...rest, ...(list !== undefined && { subCards: list }) };
};

/** The `with` of a user operation that takes no arguments but the sub-cards; may be left out. */
export const UserArgs = z
  .strictObject(subCards)
  .transform((args): SubCardArgs => withSubCards(args))
  .prefault({});

/** The `with` of an operation that takes nothing; may be left out. */
export const NoArgs = z
  .strictObject({}, expecting('nothing (leave `with` out)'))
  .transform((): Record<string, never> => ({}))
  .prefault({});

const ALL_RENEWAL_PERIODS = [...new Set([...RENEWAL_PERIODS.M, ...RENEWAL_PERIODS.Y])] as [
  number,
  ...number[],
];

export const TopUpArgsSchema = z
  .discriminatedUnion(
    'type',
    [
      z.strictObject({
        type: z.literal('renew').describe('renew the plan: buy more periods (T2)'),
        periods: z
          .literal(ALL_RENEWAL_PERIODS, {
            error: 'periods is 1, 2, 3, 6, 9 or 12 (yearly plans: 1, 2 or 3) (T2)',
          })
          .describe('periods to buy: monthly plans 1, 2, 3, 6, 9 or 12; yearly 1, 2 or 3'),
        serial: z
          .string(expecting('a serial number'))
          .min(1)
          .max(64)
          .optional()
          .describe('order serial (T4)'),
        ...subCards,
      }),
      z.strictObject({
        type: z.literal('addOn').describe('an add-on package (T3), single-card plans only'),
        tier: DataSizeText.describe('data of one package, e.g. 100M'),
        quantity: z
          .literal(ADD_ON_QUANTITIES as [number, ...number[]], { error: 'quantity is 1, 2 or 3 (T3)' })
          .describe('1, 2 or 3 packages'),
        serial: z
          .string(expecting('a serial number'))
          .min(1)
          .max(64)
          .optional()
          .describe('order serial (T4)'),
        ...subCards,
      }),
    ],
    expecting('a top-up: { type: renew, periods } or { type: addOn, tier, quantity }'),
  )
  .transform((t): TopUpArgs => {
    const extra = withSubCards({ ...(t.serial !== undefined && { serial: t.serial }), subCards: t.subCards });
    return t.type === 'renew'
      ? { ...extra, type: 'renew', periods: t.periods }
      : { ...extra, type: 'addOn', tierBytes: t.tier, quantity: t.quantity };
  })
  .describe('renew (periods) or add-on (tier, quantity), optional serial');

export const UsageLimitArgsSchema = z
  .strictObject({
    mb: MegabytesNumber.nullable().describe('monthly threshold in MB (C6); null removes the setting'),
    autoRestore: z
      .boolean(expecting('true or false'))
      .default(true)
      .describe('resume by itself on the 1st of the next month (L10); default true'),
    voucher: VoucherText.optional().describe('set it for a whole plan voucher instead of `cards`'),
  })
  .transform((u): UsageLimitArgs => ({
    limitBytes: u.mb,
    autoRestore: u.autoRestore,
    ...(u.voucher !== undefined && { voucher: u.voucher }),
  }));

const Tags = z.strictObject({
  tags: z
    .array(TagText, expecting('a list of tags, e.g. [north, pilot]'))
    .min(1, { error: 'name at least one tag' }),
});

const Profile = z.strictObject({ profile: ProfileName });

/**
 * Every operation with its arguments and how it selects cards: `required` (the step needs `cards`),
 * `none` (the step must not have them) or `optional` (setUsageLimit: cards, or a voucher in `with`).
 */
export const OPERATIONS = {
  // User operations.
  activate: { args: UserArgs, cards: 'required', about: 'manual activation (L3)' },
  requestTestPeriod: { args: UserArgs, cards: 'required', about: 'request the test period (L2)' },
  suspend: { args: UserArgs, cards: 'required', about: 'manual suspend (L7)' },
  resume: { args: UserArgs, cards: 'required', about: 'manual resume (L7, L10)' },
  rebind: { args: UserArgs, cards: 'required', about: 'Resume Use after a device change (L6)' },
  forceActivate: { args: UserArgs, cards: 'required', about: 'manual forced activation, SF/SFD (L14)' },
  verifyIdentity: { args: UserArgs, cards: 'required', about: 'complete identity verification (L5)' },
  topUp: { args: TopUpArgsSchema, cards: 'required', about: 'renew or buy an add-on (T1-T4)' },
  setAutoRenew: {
    args: z
      .strictObject({ on: z.boolean(expecting('true or false')), ...subCards })
      .transform((a) => withSubCards(a)),
    cards: 'required',
    about: 'automatic renewal on or off (L11)',
  },
  requestCancellation: { args: UserArgs, cards: 'required', about: 'request cancellation (L13)' },
  addTags: { args: Tags, cards: 'required', about: 'attach tags, at most 3 per card (C3)' },
  removeTags: { args: Tags, cards: 'required', about: 'remove tags (C3)' },
  setRemark: {
    args: z.strictObject({
      text: z.string(expecting('a text')).max(256, { error: 'a remark has at most 256 characters (C4)' }),
    }),
    cards: 'required',
    about: 'the remark (C4)',
  },
  setUsageLimit: {
    args: UsageLimitArgsSchema,
    cards: 'optional',
    about: 'usage-limit suspension (C6), on cards or with a voucher',
  },
  addRule: { args: AddRuleArgs, cards: 'none', about: 'add an automation rule (C7)' },
  removeRule: {
    args: z.strictObject({ name: RuleName }),
    cards: 'none',
    about: 'remove a rule by name (C7)',
  },
  export: { args: ExportArgsSchema.prefault({}), cards: 'none', about: 'export card details (C8)' },
  expandPool: {
    args: z
      .strictObject({ pool: PoolId, by: DataSizeText.describe('data to add, e.g. 5G') })
      .transform((e) => ({ pool: e.pool, byBytes: e.by })),
    cards: 'none',
    about: 'expand a pool (P2)',
  },
  buy: { args: FleetEntrySchema, cards: 'none', about: 'buy cards now: a fleet entry' },
  // World operations: devices and networks.
  insertDevice: { args: Profile, cards: 'required', about: 'put the cards into devices of a profile (D2)' },
  swapDevice: {
    args: z
      .strictObject({ profile: ProfileName.optional().describe("default: the old device's profile") })
      .transform((s) => (s.profile === undefined ? {} : { profile: s.profile }))
      .prefault({}),
    cards: 'required',
    about: 'move each card to a new device with a new IMEI (L6)',
  },
  removeDevice: { args: NoArgs, cards: 'required', about: 'take the cards out of their devices' },
  powerOff: { args: NoArgs, cards: 'required', about: 'power the devices off' },
  powerOn: { args: NoArgs, cards: 'required', about: 'power the devices on' },
  setProfile: { args: Profile, cards: 'required', about: "change the devices' profile" },
  traffic: {
    args: z
      .strictObject({
        mb: MegabytesNumber.describe('MB of the session'),
        whitelisted: z
          .boolean(expecting('true or false'))
          .default(true)
          .describe('to a whitelisted destination (V6); default true'),
      })
      .transform((t) => ({ bytes: t.mb, whitelisted: t.whitelisted })),
    cards: 'required',
    about: 'one session now, exactly this much, from each card',
  },
  // Carrier operations.
  'carrier.suspendAbnormal': {
    args: UserArgs,
    cards: 'required',
    about: 'the carrier suspends as abnormal (L8)',
  },
  'carrier.resumeAbnormal': { args: UserArgs, cards: 'required', about: 'the carrier lifts it (L8)' },
  'carrier.outage': {
    args: z.strictObject({
      carrier: NetworkCarrierName,
      for: DurationText.describe('how long, e.g. 6h'),
    }),
    cards: 'none',
    about: 'a network outage of one carrier: no traffic on it until it ends',
  },
} as const;

export type OperationKey = keyof typeof OPERATIONS;
export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationKey[];
