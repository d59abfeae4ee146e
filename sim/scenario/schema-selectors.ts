// Selecting cards (SCENARIOS.md, Selecting cards). One object with every key optional rather than a zod
// union of shapes: a union's error is "none of the shapes fit", while this says which key is missing
// or which two do not go together. Whether a group or pool exists is checked later, in parse.ts, where
// the fleet and the steps before are known.
import { z } from 'zod';
import type { CardSelector, StatusFilter } from './types.ts';
import {
  GroupName,
  IccidText,
  iccidTypeError,
  PoolRef,
  TagText,
  VoucherText,
  expecting,
} from './schema-values.ts';
import { SimStatusValue, SpecificStatusValue } from './schema-statuses.ts';

export const StatusFilterSchema = z
  .strictObject({
    status: SimStatusValue.optional().describe('SIM card status, by name (`In use`) or API code (`30`)'),
    specificStatus: SpecificStatusValue.optional().describe(
      'specific status, by name (`Suspended (device change)`) or API code (`500`)',
    ),
  })
  .meta({ id: 'Where', description: 'narrows a selection by status' })
  .transform((where): StatusFilter => ({
    ...(where.status !== undefined && { status: where.status }),
    ...(where.specificStatus !== undefined && { specificStatus: where.specificStatus }),
  }));

const BASE_KEYS = ['group', 'iccid', 'pool', 'voucher', 'tag', 'all'] as const;
const SLICE_KEYS = ['first', 'last', 'index'] as const;

const Count = z.int(expecting('a whole number of cards')).min(1, { error: 'must be at least 1' });

export const CardSelectorSchema = z
  .strictObject(
    {
      group: GroupName.optional().describe('the cards of a fleet group (or of a `buy` step)'),
      first: Count.optional().describe('with group: its first n cards, in the order they were bought'),
      last: Count.optional().describe('with group: its last n cards'),
      index: z
        .array(z.int(expecting('a card index (0, 1, …)')).min(0, { error: 'indexes start at 0' }), {
          error: 'expected a list of card indexes like [0, 3]',
        })
        .min(1, { error: 'name at least one index' })
        .optional()
        .describe('with group: the cards at these positions, from 0'),
      iccid: z
        .union(
          [IccidText, z.array(IccidText).min(1, { error: 'name at least one ICCID' })],
          iccidTypeError('an ICCID in quotes, or a list of them'),
        )
        .optional()
        .describe('one card by ICCID, or a list'),
      pool: PoolRef.optional().describe(
        'the cards of a pool (a pool ID from `pools`, or a same-tier voucher)',
      ),
      voucher: VoucherText.optional().describe('the cards of a plan voucher'),
      tag: TagText.optional().describe('the cards carrying a tag'),
      all: z
        .literal(true, { error: 'all: write `all: true`' })
        .optional()
        .describe('every card of the world'),
      where: StatusFilterSchema.optional().describe('narrows the selection by status'),
    },
    expecting('a card selector like { group: meters } or { iccid: "…" }'),
  )
  .superRefine((selector, ctx) => {
    const bases = BASE_KEYS.filter((key) => selector[key] !== undefined);
    if (bases.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `say which cards: one of ${BASE_KEYS.join(', ')} (e.g. { group: meters })`,
      });
      return;
    }
    if (bases.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: [bases[1]!],
        message: `choose one of ${bases.join(' and ')}; narrow with \`where\` instead`,
      });
      return;
    }
    const slices = SLICE_KEYS.filter((key) => selector[key] !== undefined);
    if (slices.length > 0 && bases[0] !== 'group') {
      ctx.addIssue({ code: 'custom', path: [slices[0]!], message: `${slices[0]} goes only with group` });
    } else if (slices.length > 1) {
      ctx.addIssue({ code: 'custom', path: [slices[1]!], message: `choose one of ${slices.join(' and ')}` });
    }
  })
  .transform((s): CardSelector => {
    const where = s.where !== undefined && Object.keys(s.where).length > 0 ? { where: s.where } : {};
    if (s.group !== undefined) {
      return {
        kind: 'group',
        group: s.group,
        ...(s.first !== undefined && { first: s.first }),
        ...(s.last !== undefined && { last: s.last }),
        ...(s.index !== undefined && { index: s.index }),
        ...where,
      };
    }
    if (s.iccid !== undefined) {
      return { kind: 'iccid', iccids: typeof s.iccid === 'string' ? [s.iccid] : s.iccid, ...where };
    }
    if (s.pool !== undefined) return { kind: 'pool', pool: s.pool, ...where };
    if (s.voucher !== undefined) return { kind: 'voucher', voucher: s.voucher, ...where };
    if (s.tag !== undefined) return { kind: 'tag', tag: s.tag, ...where };
    return { kind: 'all', ...where };
  })
  .meta({
    id: 'CardSelector',
    description:
      'which cards: { group }, { group, first: n }, { group, last: n }, { group, index: [0, 3] }, ' +
      '{ iccid }, { pool }, { voucher }, { tag } or { all: true }, each narrowed by `where: { status, specificStatus }`',
  });
