// The benchmark's standard fleet (issue: a million cards through a year): a fixed mix of every
// carrier and plan type, smart cards with three sub-cards, device profiles from idle to camera, test
// periods, usage limits, automatic renewal, IMEI swaps and abnormal suspensions at small seeded
// rates, pools of realistic size. Built as a scenario, so the benchmark runs what users run.
import { parseVoucher } from '../plans/voucher.ts';
import type { Scenario, Step } from '../scenario/types.ts';
import { addMonths, DAY_MS, parseDateTime } from '../time/calendar.ts';

/** Share of the fleet, voucher, profile, activation on first traffic. */
const MIX: readonly (readonly [number, string, string, boolean])[] = [
  [0.2, 'CM_SC_M_1_30M', 'meter', true],
  [0.1, 'CU_SCD_M_1_100M', 'tracker', true],
  [0.1, 'CT_SF_M_1_100M', 'pos', true],
  [0.05, 'CM_SFD_Y_1_1G', 'camera', true],
  [0.15, 'CU_UP_M_1_POOLA', 'tracker', true],
  [0.05, 'CT_UPG_M_1_POOLB', 'meter', true],
  [0.1, 'AL_SC_M_1_1G', 'tracker', true],
  [0.05, 'CM_SC_M_2_1G', 'camera', true],
  [0.1, 'CU_SC_M_1_100M', 'idle', false],
  [0.1, 'CT_SC_M_1_30M', 'meter', false],
];

export interface BenchFleetOptions {
  readonly cards: number;
  readonly months: number;
  readonly seed?: number;
}

export function standardFleet(options: BenchFleetOptions): Scenario {
  const start = parseDateTime('2026-01-01');
  const until = addMonths(start, options.months);
  const fleet = MIX.map(([share, code, profile, firstTraffic], i) => {
    const voucher = parseVoucher(code);
    return {
      group: `g${i}-${profile}`,
      count: Math.max(1, Math.round(options.cards * share)),
      voucher,
      orderedAt: start,
      periods: voucher.billingCycle === 'M' ? 12 : 1,
      idVerification: i === 7,
      autoRenew: i % 3 === 0,
      activateOnFirstTraffic: firstTraffic,
      ...(profile === 'idle' ? {} : { device: { profile, insertedAt: start } }),
      path: `fleet[${i}]`,
    };
  });
  // Pools sized to last most of a month: a tracker sends ~1.5 MB a day, a meter ~5 KB.
  const poolA = Math.round(options.cards * 0.15 * 1.5 * 28) * 1_048_576;
  const poolB = Math.max(1, Math.round(options.cards * 0.05 * 0.005 * 40)) * 1_048_576;
  const steps: Step[] = [];
  const group = (i: number) => fleet[i]!.group;
  steps.push({
    index: 0,
    path: 'steps[0]',
    at: start + DAY_MS,
    operation: {
      do: 'requestTestPeriod',
      with: {},
      cards: { kind: 'group', group: group(8), first: Math.round(fleet[8]!.count * 0.5) },
    },
    expect: [],
  });
  steps.push({
    index: 1,
    path: 'steps[1]',
    at: start + DAY_MS,
    operation: {
      do: 'setUsageLimit',
      with: { limitBytes: 20 * 1_048_576, autoRestore: true, voucher: fleet[0]!.voucher },
    },
    expect: [],
  });
  // IMEI swaps: a small share of trackers each month.
  for (let m = 1; m < options.months; m++) {
    steps.push({
      index: steps.length,
      path: `steps[${steps.length}]`,
      at: addMonths(start, m) + 10 * DAY_MS,
      operation: {
        do: 'swapDevice',
        with: {},
        cards: { kind: 'group', group: group(1), index: [(m * 7) % Math.max(1, fleet[1]!.count)] },
      },
      expect: [],
    });
  }
  const carrier = (abnormal: number) => ({
    abnormalPerCardMonth: abnormal,
    operationDelayMs: 0,
    outagesPerMonth: 0,
    outageDurationMs: 3_600_000,
    abnormalResolveAfterMs: 2 * DAY_MS,
  });
  return {
    name: `Standard fleet: ${options.cards} cards, ${options.months} months`,
    seed: options.seed ?? 1,
    start,
    until,
    fleet,
    pools: [
      { id: 'POOLA', sizeBytes: poolA, path: 'pools[0]' },
      { id: 'POOLB', sizeBytes: poolB, path: 'pools[1]' },
    ],
    profiles: {},
    carriers: { CM: carrier(0.002), CU: carrier(0.001), CT: carrier(0.001), AL: carrier(0) },
    steps,
  } as Scenario;
}
