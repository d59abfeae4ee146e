// What a scenario sets up before its timeline: the fleet (and `buy` steps, which take a fleet entry),
// pools, custom device profiles and carrier behaviour. Defaults that depend on where an entry stands
// (the order date is the start or the buy step's time) are filled in by parse.ts, so the fleet entry
// here comes out as a draft.
import { z } from 'zod';
import type { CarrierBehaviour, DeviceProfileSpec } from './types.ts';
import {
  DataSizeText,
  DateTimeText,
  FixedDurationText,
  GroupName,
  PoolId,
  ProfileName,
  PROFILE_NAME_PATTERN,
  VoucherText,
  expecting,
  showValue,
} from './schema-values.ts';

export const FleetEntrySchema = z
  .strictObject({
    group: GroupName.describe('the name steps select these cards by; unique in the scenario'),
    count: z
      .int(expecting('a whole number of cards'))
      .min(1, { error: 'buy at least 1 card' })
      .max(1_000_000, { error: 'at most 1,000,000 cards per entry' })
      .describe('how many cards'),
    voucher: VoucherText.describe(
      'plan voucher (V2), e.g. CM_SC_M_1_100M; the API form CM-SC-M-1-100M is accepted; UP/UPG name a pool from `pools`',
    ),
    ordered: DateTimeText.optional().describe(
      'order date T0 (Beijing time); default: start (or the buy step time). A later date buys the cards then',
    ),
    months: z
      .int(expecting('a whole number of periods'))
      .min(1, { error: 'buy at least 1 period' })
      .max(120, { error: 'at most 120 periods' })
      .optional()
      .describe('periods bought with the card; default 12 for monthly plans, 1 for yearly'),
    idVerification: z
      .boolean(expecting('true or false'))
      .default(false)
      .describe('bought with individual identity verification (L5)'),
    autoRenew: z.boolean(expecting('true or false')).default(false).describe('automatic renewal (L11)'),
    activateOnFirstTraffic: z
      .boolean(expecting('true or false'))
      .default(false)
      .describe(
        'added by cardtwin: L3 first-traffic activation (API type first_data_record); by default traffic in the silent period is refused (D3) and the card waits for manual or forced activation (L4)',
      ),
    device: z
      .strictObject({
        profile: ProfileName,
        inserted: DateTimeText.optional().describe(
          'first traffic from then on; default: when the cards are bought',
        ),
      })
      .optional()
      .describe('the device each card sits in; no device means no traffic'),
  })
  .meta({ id: 'FleetEntry', description: 'cards bought in the run' });

export type FleetEntryDraft = z.output<typeof FleetEntrySchema>;

export const PoolSchema = z
  .strictObject({
    id: PoolId.describe('the pool ID, as in the UP/UPG vouchers that use it'),
    size: DataSizeText.describe('the size bought, e.g. 10G'),
    perCard: DataSizeText.optional().describe(
      'added by cardtwin: data each card brings to the pool when it joins; default: none',
    ),
  })
  .meta({ id: 'Pool', description: 'a pooled data plan (UP, UPG; rule P2)' });

const HOUR = z
  .number(expecting('an hour 0-24'))
  .min(0, { error: 'hours are 0-24' })
  .max(24, { error: 'hours are 0-24' });

// The bounds are the traffic model's (sim/devices/profiles.ts), so a profile that passes here is one it
// accepts: they keep its integer arithmetic exact, and no real device comes near them.
export const DeviceProfileSchema = z
  .strictObject({
    dailyMB: z
      .number(expecting('MB per day'))
      .min(0, { error: 'cannot be negative' })
      .max(1_048_576, { error: 'at most 1,048,576 MB (1 TB) a day' })
      .describe('mean MB per day'),
    sessionsPerDay: z
      .number(expecting('sessions per day'))
      .min(0, { error: 'cannot be negative' })
      .max(86_400, { error: 'at most 86,400 sessions a day' })
      .describe('mean sessions per day'),
    whitelistedShare: z
      .number(expecting('a share 0-1'))
      .min(0, { error: 'a share is 0-1' })
      .max(1, { error: 'a share is 0-1' })
      .describe('share of traffic to whitelisted destinations (V6), 0-1'),
    dailySpread: z
      .number(expecting('a spread ≥ 0'))
      .min(0, { error: 'cannot be negative' })
      .max(4, { error: 'at most 4' })
      .optional()
      .describe(
        "sigma of the lognormal day-to-day spread of the volume; 0: the same every day; default: the traffic model's",
      ),
    activeHours: z
      .tuple([HOUR, HOUR], expecting('[from, to] hours, e.g. [8, 20]'))
      .optional()
      .describe(
        'hours of the Beijing day in which sessions start, [from, to) with from < to; default all day',
      ),
    activeDays: z
      .enum(['all', 'weekdays'])
      .optional()
      .describe('weekdays: nothing on Saturdays and Sundays; default all'),
  })
  .superRefine((profile, ctx) => {
    const hours = profile.activeHours;
    if (hours && !(hours[0] < hours[1])) {
      ctx.addIssue({
        code: 'custom',
        path: ['activeHours'],
        message: `[${hours.join(', ')}]: from must be before to, within 0-24 (leave activeHours out for all day)`,
      });
    }
  })
  .transform((p): DeviceProfileSpec => ({
    dailyMB: p.dailyMB,
    sessionsPerDay: p.sessionsPerDay,
    whitelistedShare: p.whitelistedShare,
    ...(p.dailySpread !== undefined && { dailySpread: p.dailySpread }),
    ...(p.activeHours !== undefined && { activeHours: p.activeHours }),
    ...(p.activeDays !== undefined && { activeDays: p.activeDays }),
  }))
  .meta({ id: 'DeviceProfile', description: 'a custom device profile (D1)' });

export const ProfilesSchema = z
  .record(
    z.string().regex(PROFILE_NAME_PATTERN, {
      error: (i) =>
        `a profile name is a letter then up to 31 letters, digits, _ or -, not ${showValue(i.input)}`,
    }),
    DeviceProfileSchema,
    expecting('a mapping of profile names to profiles'),
  )
  .describe(
    'custom device profiles by name, e.g. heavy: { dailyMB: 50, sessionsPerDay: 24, whitelistedShare: 1 }',
  );

export const CarrierBehaviourSchema = z
  .strictObject({
    abnormalPerCardMonth: z
      .number(expecting('a chance 0-1'))
      .min(0, { error: 'a chance is 0-1' })
      .max(1, { error: 'a chance is 0-1' })
      .default(0)
      .describe('chance per card and month that the carrier suspends the card as abnormal (L8); default 0'),
    operationDelay: FixedDurationText.prefault('0s').describe(
      'how long a user operation waits before it takes effect (pending until then); default 0',
    ),
    abnormalResolveAfter: FixedDurationText.optional().describe(
      'added by cardtwin: the carrier lifts its own abnormal suspension after this long; default: never',
    ),
    outagesPerMonth: z
      .number(expecting('a number ≥ 0'))
      .min(0, { error: 'cannot be negative' })
      .default(0)
      .describe('added by cardtwin: random network outages, expected number per month; default 0'),
    outageDuration: FixedDurationText.prefault('1h').describe(
      'added by cardtwin: how long a random outage lasts; default 1h',
    ),
  })
  .transform((c): CarrierBehaviour => ({
    abnormalPerCardMonth: c.abnormalPerCardMonth,
    operationDelayMs: c.operationDelay,
    ...(c.abnormalResolveAfter !== undefined && { abnormalResolveAfterMs: c.abnormalResolveAfter }),
    outagesPerMonth: c.outagesPerMonth,
    outageDurationMs: c.outageDuration,
  }))
  .meta({ id: 'CarrierBehaviour', description: "a carrier's behaviour; every field has a default" });

export const CarriersSchema = z
  .strictObject({
    CM: CarrierBehaviourSchema.optional(),
    CU: CarrierBehaviourSchema.optional(),
    CT: CarrierBehaviourSchema.optional(),
    AL: CarrierBehaviourSchema.optional(),
  })
  .describe('carrier behaviour; defaults: no faults, no delay');
