// The arguments of the two console operations with the most structure: automation rules (C7) and
// exports (C8, with C2's filter).
import { z } from 'zod';
import { PLAN_TYPES } from '../plans/plan-type.ts';
import type { CardFilter, ExportArgs, RuleScope, RuleSpec, RuleTrigger, TimeRange } from './types.ts';
import {
  CarrierName,
  DateTimeText,
  IccidText,
  iccidTypeError,
  MegabytesNumber,
  PoolId,
  TagText,
  VoucherText,
  expecting,
  numberComparison,
  showValue,
} from './schema-values.ts';
import { SimStatusValue, SpecificStatusValue, StatusRefValue } from './schema-statuses.ts';

// C7: "at most 30 characters without special characters". Letters are ASCII or CJK (the console's users
// write Chinese names); the explicit range keeps the JSON Schema pattern working in editors without the
// regex `u` flag that \p{L} would need.
export const RuleName = z
  .string(expecting('a rule name'))
  .regex(/^[A-Za-z0-9 _\-\u4e00-\u9fff]{1,30}$/, {
    error: (i) => `a rule name is 1 to 30 letters, digits, spaces, _ or - (C7), not ${showValue(i.input)}`,
  })
  .describe('1 to 30 letters, digits, spaces, _ or - (C7)');

const RuleScopeSchema = z
  .strictObject(
    {
      voucher: VoucherText.optional().describe('the cards of a plan voucher'),
      tag: TagText.optional().describe('the cards with a tag'),
      all: z.literal(true, { error: 'all: write `all: true`' }).optional().describe('every card'),
    },
    expecting('a scope: { voucher }, { tag } or { all: true }'),
  )
  .superRefine((scope, ctx) => {
    const given = (['voucher', 'tag', 'all'] as const).filter((key) => scope[key] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'a scope is exactly one of { voucher }, { tag } or { all: true }',
      });
    }
  })
  .transform((scope): RuleScope => {
    if (scope.voucher !== undefined) return { kind: 'voucher', voucher: scope.voucher };
    if (scope.tag !== undefined) return { kind: 'tag', tag: scope.tag };
    return { kind: 'all' };
  })
  .describe('which cards the rule watches: { voucher }, { tag } or { all: true }');

const ruleCommon = {
  name: RuleName,
  scope: RuleScopeSchema,
  action: z
    .enum(['notify', 'suspend'])
    .default('notify')
    .describe('notify (a notification record) or suspend (beyond the platform); default notify'),
};

export const AddRuleArgs = z
  .discriminatedUnion(
    'type',
    [
      z
        .strictObject({
          ...ruleCommon,
          type: z.literal('usage').describe('usage monitoring: fires once per card and month'),
          share: z
            .number(expecting('a share of the allowance, 0-1'))
            .gt(0, { error: 'a share is above 0 and at most 1' })
            .max(1, { error: 'a share is above 0 and at most 1' })
            .optional()
            .describe("fires when the month's usage reaches this share of the allowance"),
          mb: MegabytesNumber.optional().describe("fires when the month's usage reaches this many MB"),
        })
        .superRefine((rule, ctx) => {
          if ((rule.share === undefined) === (rule.mb === undefined)) {
            ctx.addIssue({ code: 'custom', message: 'a usage rule takes exactly one of share and mb' });
          }
        }),
      z.strictObject({
        ...ruleCommon,
        type: z.literal('statusChange').describe('fires when a card changes status'),
        to: StatusRefValue.optional().describe('only changes to this status; default any'),
        from: StatusRefValue.optional().describe('only changes from this status; default any'),
      }),
      z.strictObject({
        ...ruleCommon,
        type: z.literal('planExpiry').describe("fires ahead of a card's plan expiry"),
        daysAhead: z
          .int(expecting('a whole number of days'))
          .min(1, { error: 'at least 1 day' })
          .max(365, { error: 'at most 365 days' })
          .describe('days before the plan expires'),
      }),
    ],
    expecting('a rule: { name, scope, type: usage | statusChange | planExpiry, … }'),
  )
  .transform((rule): RuleSpec => {
    let trigger: RuleTrigger;
    if (rule.type === 'usage') {
      trigger = {
        type: 'usage',
        ...(rule.share !== undefined && { share: rule.share }),
        ...(rule.mb !== undefined && { bytes: rule.mb }),
      };
    } else if (rule.type === 'statusChange') {
      trigger = {
        type: 'statusChange',
        ...(rule.to !== undefined && { to: rule.to }),
        ...(rule.from !== undefined && { from: rule.from }),
      };
    } else {
      trigger = { type: 'planExpiry', daysAhead: rule.daysAhead };
    }
    return { name: rule.name, scope: rule.scope, trigger, action: rule.action };
  })
  .describe(
    'an automation rule (C7): name, scope, type (usage | statusChange | planExpiry) and its fields, action',
  );

const TimeRangeSchema = z
  .strictObject({ from: DateTimeText.optional(), to: DateTimeText.optional() }, expecting('{ from, to }'))
  .transform((r): TimeRange => ({
    ...(r.from !== undefined && { from: r.from }),
    ...(r.to !== undefined && { to: r.to }),
  }))
  .describe('[from, to) in Beijing time; either end may be left out');

export const CardFilterSchema = z
  .strictObject({
    iccid: z.union([IccidText, z.array(IccidText)], iccidTypeError('an ICCID or a list')).optional(),
    msisdn: z
      .string(expecting('an MSISDN'))
      .regex(/^\d{13}$/, { error: 'an MSISDN is 13 digits' })
      .optional(),
    imsi: z
      .string(expecting('an IMSI'))
      .regex(/^\d{15}$/, { error: 'an IMSI is 15 digits' })
      .optional(),
    voucher: VoucherText.optional(),
    carrier: CarrierName.optional(),
    planType: z.enum(PLAN_TYPES).optional().describe('SC, SCD, SF, SFD, UP or UPG'),
    status: SimStatusValue.optional(),
    specificStatus: SpecificStatusValue.optional(),
    tag: TagText.optional(),
    pool: PoolId.optional(),
    activated: TimeRangeSchema.optional().describe('activation time range'),
    expires: TimeRangeSchema.optional().describe('plan expiry range'),
    usageMB: numberComparison('usage this month, MB').optional(),
    remainingAtMost: z
      .literal([10, 20, 30], { error: 'remainingAtMost is 10, 20 or 30 (percent)' })
      .optional()
      .describe('remaining data at most this percentage of the allowance: 10, 20 or 30'),
    idVerified: z.boolean(expecting('true or false')).optional(),
    autoRenew: z.boolean(expecting('true or false')).optional(),
  })
  .transform((f): CardFilter => {
    const { iccid, remainingAtMost, ...rest } = f;
    const filter: Record<string, unknown> = Object.fromEntries(
      Object.entries(rest).filter(([, value]) => value !== undefined),
    );
    if (iccid !== undefined) filter.iccids = typeof iccid === 'string' ? [iccid] : iccid;
    if (remainingAtMost !== undefined) filter.remainingShareAtMost = remainingAtMost / 100;
    return filter as CardFilter;
  })
  .describe("the console's advanced search (C2); every field narrows, none means every card");

export const ExportArgsSchema = z
  .strictObject({
    fileName: z
      .string(expecting('a file name'))
      .min(1, { error: 'a file name cannot be empty' })
      .optional()
      .describe('the exported file; default: made up. A name outside the store fails with InvalidFileName'),
    months: z
      .int(expecting('a whole number of months'))
      .min(1, { error: 'months is 1-6 (C8)' })
      .max(6, { error: 'months is 1-6 (C8)' })
      .default(1)
      .describe('traffic of the last 1-6 months; default 1'),
    daily: z
      .boolean(expecting('true or false'))
      .default(false)
      .describe('include daily usage; default false'),
    filter: CardFilterSchema.prefault({}),
  })
  .transform((e): ExportArgs => ({
    ...(e.fileName !== undefined && { fileName: e.fileName }),
    months: e.months,
    daily: e.daily,
    filter: e.filter,
  }))
  .describe('export card details (C8)');
