// Expectations (SCENARIOS.md, Expectations): six kinds, each told apart by its leading key (cards, pool,
// ledger, events, rule, export). Each comes out normalized but for its place in the file (index, path),
// which parse.ts adds.
import { z } from 'zod';
import type {
  CardsExpectation,
  EventsExpectation,
  ExportExpectation,
  LedgerExpectation,
  PoolExpectation,
  RuleExpectation,
} from './types.ts';
import { CardSelectorSchema } from './schema-selectors.ts';
import {
  DateTimeText,
  IccidText,
  iccidTypeError,
  MonthText,
  PoolRef,
  TagText,
  expecting,
  numberComparison,
} from './schema-values.ts';
import { SimStatusValue, SpecificStatusValue, StatusRefValue } from './schema-statuses.ts';
import { RuleName } from './schema-rules.ts';

type Draft<T> = T extends unknown ? Omit<T, 'index' | 'path'> : never;

/** Drops the keys whose value is undefined, so optional fields are absent rather than undefined. */
function present<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

const CardsExpectationSchema = z
  .strictObject({
    cards: CardSelectorSchema,
    status: SimStatusValue.optional().describe('SIM card status, by name or API code'),
    specificStatus: SpecificStatusValue.optional().describe('specific status, by name or API code'),
    activationType: z
      .enum(['manage', 'first_data_record', 'silence_expire'])
      .optional()
      .describe('how the card was activated (L3, L4)'),
    tag: TagText.optional().describe('carries this tag'),
    pendingCancellation: z
      .boolean(expecting('true or false'))
      .optional()
      .describe('cancellation requested (L13)'),
    boundImei: z
      .enum(['set', 'unset'])
      .optional()
      .describe('set: bound to a device (L6); unset: not bound yet'),
    cycleUsageMB: numberComparison('live usage this month, MB').optional(),
    consoleCycleUsageMB: numberComparison('usage this month as the console shows it (P4), MB').optional(),
    count: numberComparison('how many selected cards match every filter').optional(),
  })
  .transform((e): Draft<CardsExpectation> => {
    const { cards, count, ...filters } = e;
    return { kind: 'cards', cards, filters: present(filters), ...(count !== undefined && { count }) };
  })
  .meta({
    id: 'CardsExpectation',
    description: 'cards: a selector, filters and count; without count every selected card must match',
  });

const PoolExpectationSchema = z
  .strictObject({
    pool: PoolRef.describe('a pool ID from `pools`, or a same-tier voucher'),
    usedMB: numberComparison('MB used this month').optional(),
    remainingMB: numberComparison('MB left this month').optional(),
    sizeMB: numberComparison("the pool's size, MB").optional(),
  })
  .superRefine((e, ctx) => {
    if (e.usedMB === undefined && e.remainingMB === undefined && e.sizeMB === undefined) {
      ctx.addIssue({ code: 'custom', message: 'say what to check: usedMB, remainingMB or sizeMB' });
    }
  })
  .transform((e): Draft<PoolExpectation> => ({ kind: 'pool', ...present(e) }))
  .meta({ id: 'PoolExpectation', description: 'a pool: usedMB, remainingMB, sizeMB' });

const LedgerExpectationSchema = z
  .strictObject({
    ledger: z
      .strictObject({
        reason: z
          .enum(['planFee', 'addOn', 'renewal', 'overage', 'retention'])
          .optional()
          .describe('the charge reason (F1); default any'),
        month: MonthText.optional().describe(
          'the service month the line pays for (F1), e.g. 2026-08; default any',
        ),
        card: z
          .union([IccidText, CardSelectorSchema], iccidTypeError('an ICCID or a card selector'))
          .optional()
          .describe('only the lines of this card (ICCID) or these cards (a selector)'),
        pool: PoolRef.optional().describe('only the lines of this pool'),
      })
      .describe('which ledger lines'),
    count: numberComparison('how many lines').optional(),
    sum: numberComparison('the sum of their amounts, yuan').optional(),
  })
  .superRefine((e, ctx) => {
    if (e.count === undefined && e.sum === undefined) {
      ctx.addIssue({ code: 'custom', message: 'say what to check: count and/or sum' });
    }
  })
  .transform((e): Draft<LedgerExpectation> => {
    const { card, ...which } = e.ledger;
    return {
      kind: 'ledger',
      ...present(which),
      ...(card !== undefined && {
        cards: typeof card === 'string' ? { kind: 'iccid', iccids: [card] } : card,
      }),
      ...present({ count: e.count, sum: e.sum }),
    };
  })
  .meta({ id: 'LedgerExpectation', description: 'the ledger: which lines, then count and/or sum' });

const EventsExpectationSchema = z
  .strictObject({
    events: z
      .strictObject({
        type: z.string(expecting('an event type')).min(1).describe('event type, e.g. card.status'),
        to: StatusRefValue.optional().describe('status changes to this status'),
        from: StatusRefValue.optional().describe('status changes from this status'),
        cause: z.string(expecting('a cause')).optional().describe('the cause, e.g. abnormal'),
      })
      .describe('which events'),
    cards: CardSelectorSchema.optional().describe('added by cardtwin: only events about these cards'),
    since: DateTimeText.optional().describe('only events at or after this time; default: since start'),
    count: numberComparison('how many events'),
  })
  .transform((e): Draft<EventsExpectation> => {
    const { type, ...change } = e.events;
    const { cards, since, count } = e;
    return { kind: 'events', type, ...present(change), ...present({ cards, since }), count };
  })
  .meta({ id: 'EventsExpectation', description: 'events: type, to, from, cause; since; count' });

const RuleExpectationSchema = z
  .strictObject({
    rule: RuleName.describe('the name of a rule added by addRule'),
    triggers: numberComparison('how many trigger records'),
  })
  .transform((e): Draft<RuleExpectation> => ({ kind: 'rule', rule: e.rule, triggers: e.triggers }))
  .meta({ id: 'RuleExpectation', description: 'a rule: its trigger count' });

const ExportExpectationSchema = z
  .strictObject({
    export: z.string(expecting('an export file name')).min(1).describe('the fileName of an export step'),
    rows: numberComparison('how many card rows').optional(),
    status: z.enum(['running', 'done', 'failed']).optional().describe('the export job status'),
  })
  .superRefine((e, ctx) => {
    if (e.rows === undefined && e.status === undefined) {
      ctx.addIssue({ code: 'custom', message: 'say what to check: rows and/or status' });
    }
  })
  .transform((e): Draft<ExportExpectation> => ({
    kind: 'export',
    fileName: e.export,
    ...present({ rows: e.rows, status: e.status }),
  }))
  .meta({ id: 'ExportExpectation', description: 'an export: rows and/or status' });

export const ExpectationSchema = z
  .union(
    [
      CardsExpectationSchema,
      PoolExpectationSchema,
      LedgerExpectationSchema,
      EventsExpectationSchema,
      RuleExpectationSchema,
      ExportExpectationSchema,
    ],
    expecting('an expectation: one of cards, pool, ledger, events, rule or export with what to check'),
  )
  .meta({
    id: 'Expectation',
    description: 'one of cards, pool, ledger, events, rule or export, with what to check',
  });

export const ExpectationListSchema = z
  .array(ExpectationSchema, expecting('a list of expectations'))
  .min(1, { error: 'list at least one expectation' })
  .describe('what must hold at this time, checked after the operation (if any)');
