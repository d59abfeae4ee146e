// The scalar values a scenario is written with (dates, durations, data sizes, vouchers, identities,
// comparisons; statuses are in schema-statuses.ts), each a zod schema that reads the text the way the
// rest of the twin does (calendar.ts, duration.ts, data-size.ts, voucher.ts, ids/) and turns the
// parser's complaint into an issue at the value's path (`February 2026 has 28 days`).
import { tryParseVoucher } from '../plans/voucher.ts';
import { z } from 'zod';
import { isErrorCode, ERROR_CODES, type ErrorCode } from '../errors.ts';
import { CARRIERS, NETWORK_CARRIERS } from '../ids/carrier.ts';
import { validateIccid } from '../ids/iccid.ts';
import { validateMsisdn } from '../ids/msisdn.ts';
import { DataSizeError, MB, parseDataSize } from '../plans/data-size.ts';
import { VoucherError, parseVoucher } from '../plans/voucher.ts';
import { CalendarError, monthIndex, parseDateTime } from '../time/calendar.ts';
import { DurationError, parseDuration } from '../time/duration.ts';
import type { Comparison } from './types.ts';

/** A value as a message shows it: text in quotes, the rest as JSON, cut when long. */
export function showValue(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** zod's error option for a wrong type: `required: <what>` when missing, else `expected <what>, not x`. */
export function expecting(what: string) {
  return {
    error: (issue: { input?: unknown }) =>
      issue.input === undefined ? `required: ${what}` : `expected ${what}, not ${showValue(issue.input)}`,
  };
}

/** A value that parses but is not allowed where it stands (a delay of months, a size of zero). */
class ValueError extends Error {}

// The errors a parser throws for a user's text; anything else is a bug and is not turned into a message.
const USER_ERRORS = [CalendarError, DurationError, DataSizeError, VoucherError, ValueError];

/**
 * Reads a text with a parser of the twin; its error message becomes the issue. The pattern is only
 * published in the JSON Schema for editors: here the parser alone decides, because it says more
 * precisely what is wrong (`it has 4 parts; expected 5`) than a pattern could.
 */
function parsedText<T>(what: string, pattern: RegExp, parse: (text: string) => T) {
  return z
    .string(expecting(what))
    .meta({ pattern: pattern.source })
    .transform((value, ctx): T => {
      try {
        return parse(value);
      } catch (error) {
        if (!USER_ERRORS.some((kind) => error instanceof kind)) throw error;
        ctx.issues.push({ code: 'custom', message: sentence((error as Error).message), input: value });
        return z.NEVER;
      }
    });
}

// The parsers write `Bad plan voucher "x": … .`; mid-line after a path it reads better as `bad plan …`.
function sentence(message: string): string {
  const trimmed = message.replace(/\.$/, '');
  return /^[A-Z][a-z]/.test(trimmed) ? trimmed[0]!.toLowerCase() + trimmed.slice(1) : trimmed;
}

const DATE_TIME_PATTERN =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

export const DateTimeText = parsedText(
  'a date like 2026-01-15 or a date-time like 2026-01-15T10:00 (Beijing time)',
  DATE_TIME_PATTERN,
  parseDateTime,
).meta({ id: 'DateTime', description: 'a date (2026-01-15) or date-time (2026-01-15T10:00), Beijing time' });

/** `2026-08`: a calendar month, as calendar.ts's monthIndex. */
export const MonthText = parsedText('a month like 2026-08', /^\d{4}-\d{2}$/, (text) => {
  if (!/^\d{4}-(?:0[1-9]|1[0-2])$/.test(text)) throw new ValueError(`${text}: not a month like 2026-08`);
  return monthIndex(parseDateTime(`${text}-01`));
}).meta({ id: 'Month', description: 'a calendar month, e.g. 2026-08' });

export const DurationText = parsedText(
  'a duration like 30s, 10m, 6h, 3d, 2w or 1mo',
  /^\d+(?:ms|s|m|h|d|w|mo|y)$/,
  parseDuration,
).meta({
  id: 'Duration',
  description: 'a whole number and a unit: ms, s, m, h, d, w, mo (calendar month), y',
});

/** A duration that is a fixed number of milliseconds (no months: a delay of "1mo" has no fixed length). */
export const FixedDurationText = parsedText(
  'a duration like 30s, 10m, 6h, 3d or 2w',
  /^\d+(?:ms|s|m|h|d|w)$/,
  (text) => {
    const duration = parseDuration(text);
    if (duration.kind !== 'fixed') throw new ValueError(`${text}: use s, m, h, d or w here, not months`);
    return duration.ms;
  },
).meta({ id: 'FixedDuration', description: 'a whole number and a unit: ms, s, m, h, d or w' });

export const DataSizeText = parsedText(
  'a data size like 512K, 100M or 10G',
  /^\d+(?:\.\d+)?\s*(?:B|[KMGkmg][Bb]?)$/,
  (text) => {
    const bytes = parseDataSize(text);
    if (bytes === 0) throw new ValueError(`${text}: must be more than zero`);
    return bytes;
  },
).meta({ id: 'DataSize', description: 'a data size: a number and K, M or G (1 MB = 1,048,576 bytes)' });

export const VoucherText = parsedText(
  'a plan voucher like CM_SC_M_1_100M (or CM-SC-M-1-100M)',
  /^[A-Z]{2}[_-][A-Z]+[_-][A-Z][_-]\d+[_-][A-Za-z0-9.]+$/,
  parseVoucher,
).meta({
  id: 'Voucher',
  description: 'Carrier_PlanType_BillingCycle_RateVersion_Tier (or _PoolId for UP, UPG), V2',
});

/** An amount of MB written as a number (fractions allowed), kept in bytes. */
export const MegabytesNumber = z
  .number(expecting('a number of MB'))
  .positive({ error: 'must be more than 0 MB' })
  .transform((mb) => Math.round(mb * MB))
  .meta({ id: 'Megabytes', description: 'MB (1 MB = 1,048,576 bytes); fractions allowed' });

/** zod's error option for an ICCID (or a list of them) of the wrong type. */
export function iccidTypeError(what: string) {
  return {
    error: (i: { input?: unknown }) =>
      typeof i.input === 'number'
        ? 'write an ICCID in quotes: YAML reads 20 digits as a number and loses some of them'
        : i.input === undefined
          ? `required: ${what}`
          : `expected ${what}, not ${showValue(i.input)}`,
  };
}

export const IccidText = z
  .string(iccidTypeError('an ICCID (20 digits, in quotes)'))
  .superRefine((text, ctx) => {
    const problem = validateIccid(text);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ id: 'Iccid', description: 'an ICCID: 20 digits, in quotes (I1)' });

export const CarrierName = z
  .enum(CARRIERS as ['CM', 'CU', 'CT', 'AL'])
  .meta({ id: 'Carrier', description: 'CM, CU, CT or AL (V1)' });
export const NetworkCarrierName = z
  .enum(NETWORK_CARRIERS as ['CM', 'CU', 'CT'])
  .meta({ id: 'NetworkCarrier', description: 'a network carrier: CM, CU or CT' });

/** M3: a sub-card of a smart card, by its network carrier or its MSISDN. */
export const SubCardRef = z
  .string(expecting('a sub-card: CM, CU, CT or an MSISDN'))
  .superRefine((text, ctx) => {
    if ((NETWORK_CARRIERS as readonly string[]).includes(text)) return;
    const problem = /^\d+$/.test(text)
      ? validateMsisdn(text)
      : `expected a sub-card: CM, CU, CT or a 13-digit MSISDN, not ${showValue(text)}`;
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({
    id: 'SubCard',
    description: 'a sub-card of a smart card: its carrier (CM, CU, CT) or MSISDN',
    anyOf: [{ enum: [...NETWORK_CARRIERS] }, { pattern: '^\\d{13}$' }],
  });

export const ErrorCodeName = z
  .string(expecting('an error code'))
  .refine(isErrorCode, {
    error: (i) =>
      `unknown error code ${showValue(i.input)} (expected one of ${Object.keys(ERROR_CODES).join(', ')})`,
  })
  .transform((code) => code as ErrorCode)
  .meta({ id: 'ErrorCode', enum: Object.keys(ERROR_CODES), description: 'an error code of SCENARIOS.md' });

export const PROFILE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
export const ProfileName = z
  .string(expecting('a device profile name'))
  .regex(PROFILE_NAME_PATTERN, { error: 'a profile name is a letter then up to 31 letters, digits, _ or -' })
  .meta({
    id: 'Profile',
    description: 'a built-in device profile (meter, tracker, pos, camera, idle) or one from `profiles`',
  });

/** V5: the same pool ID as in a UP/UPG voucher. */
export const PoolId = z
  .string(expecting('a pool ID'))
  .regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/, {
    error: (i) => `a pool ID is 1 to 32 letters and digits starting with a letter, not ${showValue(i.input)}`,
  })
  .meta({ id: 'PoolId', description: 'a pool ID (V5): 1 to 32 letters and digits, starting with a letter' });

/**
 * A pool as expectations, selectors and ledger filters name it: a pooled data plan's pool ID (P2), or
 * a same-tier pool (P1), which has no ID of its own and is named by its voucher (either spelling).
 */
export const PoolRef = z
  .string(expecting('a pool ID or a same-tier voucher'))
  .transform((text, context) => {
    if (/^[A-Za-z][A-Za-z0-9]{0,31}$/.test(text)) return text;
    const parsed = tryParseVoucher(text);
    if (parsed.ok && (parsed.voucher.planType === 'SF' || parsed.voucher.planType === 'SFD'))
      return parsed.voucher.code;
    context.addIssue({
      code: 'custom',
      message: `a pool is a pool ID (letters and digits) or a same-tier pool's voucher (SF, SFD), not ${showValue(text)}`,
    });
    return z.NEVER;
  })
  .meta({
    id: 'PoolRef',
    description: 'a pool ID (UP, UPG) or a same-tier voucher such as CT_SF_M_1_30M (P1)',
  });

export const GroupName = z
  .string(expecting('a group name'))
  .min(1, { error: 'a group name cannot be empty' })
  .max(64, { error: 'a group name has at most 64 characters' })
  .meta({ id: 'Group', description: 'a group of cards: a fleet entry or a buy step' });

export const TagText = z
  .string(expecting('a tag'))
  .min(1, { error: 'a tag cannot be empty' })
  .max(32, { error: 'a tag has at most 32 characters' })
  .meta({ id: 'Tag', description: 'a tag (C3), 1 to 32 characters' });

// A value to compare (SCENARIOS.md, Expectations): exact, or bounds. `{ atLeast, atMost }` together is
// allowed as well; `between` stands alone.
const Bounds = z
  .strictObject({
    atLeast: z.number(expecting('a number')).optional(),
    atMost: z.number(expecting('a number')).optional(),
    between: z
      .tuple([z.number(), z.number()], expecting('two numbers [low, high]'))
      .optional()
      .describe('[low, high], both included'),
  })
  .superRefine((bounds, ctx) => {
    const { atLeast, atMost, between } = bounds;
    if (atLeast === undefined && atMost === undefined && between === undefined) {
      ctx.addIssue({ code: 'custom', message: 'give atLeast, atMost or between' });
    } else if (between !== undefined && (atLeast !== undefined || atMost !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['between'],
        message: 'between stands alone, without atLeast or atMost',
      });
    } else if (between !== undefined && between[0] > between[1]) {
      ctx.addIssue({
        code: 'custom',
        path: ['between'],
        message: `the low end ${between[0]} is above the high end ${between[1]}`,
      });
    } else if (atLeast !== undefined && atMost !== undefined && atLeast > atMost) {
      ctx.addIssue({ code: 'custom', message: `atLeast ${atLeast} is above atMost ${atMost}` });
    }
  })
  .meta({
    id: 'Bounds',
    description: '{ atLeast: n }, { atMost: n }, both, or { between: [a, b] } (ends included)',
  });

/** A numeric comparison: `n`, `{ atLeast: n }`, `{ atMost: n }`, `{ between: [a, b] }`. */
export function numberComparison(what: string) {
  return z
    .union(
      [z.number(), Bounds],
      expecting(`${what}: a number, or { atLeast: n }, { atMost: n } or { between: [a, b] }`),
    )
    .transform((value): Comparison => {
      if (typeof value === 'number') return { equals: value };
      const { atLeast, atMost, between } = value;
      if (between !== undefined) return { min: between[0], max: between[1] };
      return { ...(atLeast !== undefined && { min: atLeast }), ...(atMost !== undefined && { max: atMost }) };
    })
    .describe(`${what}: a number to match exactly, or { atLeast: n }, { atMost: n }, { between: [a, b] }`);
}
