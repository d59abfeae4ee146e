import { readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { MB, GB } from '../plans/data-size.ts';
import { parseDateTime } from '../time/calendar.ts';
import { parseScenario } from './parse.ts';
import type { Scenario, Step } from './types.ts';

const examples = new URL('../../scenarios/examples/', import.meta.url);
const yaml = (text: string): Scenario => parseScenario(parseYaml(text));
const t = parseDateTime;

const header = `
name: x
start: 2026-01-15
fleet:
  - group: meters
    count: 100
    voucher: CM_SC_M_1_100M
`;
/** A scenario with one group of 100 meters and these steps. */
const withSteps = (steps: string): Scenario => yaml(`${header}steps:\n${steps}`);
const onlyStep = (steps: string): Step => withSteps(steps).steps[0]!;

describe('the examples of SCENARIOS.md parse unchanged', () => {
  const files = readdirSync(examples).filter((name) => name.endsWith('.yaml'));

  it('has the examples as files', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'forced-activation.yaml',
        'selectors.yaml',
        'operations.yaml',
        'expectations.yaml',
      ]),
    );
  });

  it.each(files)('%s', (name) => {
    const text = readFileSync(new URL(name, examples), 'utf8');
    expect(text.startsWith('# yaml-language-server: $schema=../schema.json\n')).toBe(true);
    expect(() => yaml(text)).not.toThrow();
  });

  it('the top example of SCENARIOS.md is the file forced-activation.yaml, word for word', () => {
    const contract = readFileSync(new URL('../../../shared/docs/SCENARIOS.md', import.meta.url), 'utf8');
    const block = /```yaml\n([\s\S]*?)```/.exec(contract)?.[1];
    expect(block).toBeDefined();
    expect(readFileSync(new URL('forced-activation.yaml', examples), 'utf8')).toContain(block);
  });

  it('L4 forced activation: the top example normalizes as the runner needs it', () => {
    const scenario = yaml(readFileSync(new URL('forced-activation.yaml', examples), 'utf8'));
    expect(scenario).toMatchObject({ name: 'Forced activation after the silent period', seed: 42 });
    expect(scenario.start).toBe(t('2026-01-15'));
    expect(scenario.until).toBe(t('2026-09-01'));
    expect(scenario.fleet[0]).toMatchObject({
      group: 'meters',
      count: 100,
      voucher: { code: 'CM_SC_M_1_100M', tierBytes: 100 * MB },
      orderedAt: t('2026-01-15'),
      periods: 12,
      idVerification: false,
      autoRenew: false,
      device: { profile: 'meter', insertedAt: t('2026-03-01') },
      path: 'fleet[0]',
    });
    expect(scenario.pools).toEqual([{ id: 'P1', sizeBytes: 10 * GB, path: 'pools[0]' }]);
    expect(scenario.profiles.heavy).toEqual({ dailyMB: 50, sessionsPerDay: 24, whitelistedShare: 1 });
    expect(scenario.carriers.CM).toMatchObject({
      abnormalPerCardMonth: 0.001,
      operationDelayMs: 10 * 60_000,
    });
    expect(scenario.carriers.CU).toMatchObject({ abnormalPerCardMonth: 0, operationDelayMs: 0 });
    const [test, tags, cancel, check] = scenario.steps;
    expect(test).toMatchObject({
      index: 0,
      path: 'steps[0]',
      at: t('2026-02-01T10:00'),
      operation: { do: 'requestTestPeriod', with: {}, cards: { kind: 'group', group: 'meters', first: 10 } },
    });
    expect(tags?.operation).toMatchObject({ do: 'addTags', with: { tags: ['north', 'pilot'] } });
    expect(cancel).toMatchObject({
      operation: { do: 'requestCancellation' },
      expectError: 'StatusNotAllowed',
    });
    expect(check?.operation).toBeUndefined();
    expect(check?.expect).toEqual([
      {
        kind: 'cards',
        cards: { kind: 'group', group: 'meters' },
        filters: { specificStatus: 'In use' },
        count: { equals: 100 },
        index: 0,
        path: 'steps[3].expect[0]',
      },
      {
        kind: 'cards',
        cards: { kind: 'group', group: 'meters' },
        filters: { activationType: 'silence_expire' },
        count: { equals: 100 },
        index: 1,
        path: 'steps[3].expect[1]',
      },
      {
        kind: 'ledger',
        reason: 'planFee',
        month: 2026 * 12 + 7,
        count: { equals: 100 },
        index: 2,
        path: 'steps[3].expect[2]',
      },
    ]);
  });

  it('a TypeScript scenario written with defineScenario parses like YAML', async () => {
    const module = (await import('../../scenarios/examples/typescript.ts')) as { default: unknown };
    expect(parseScenario(module.default).steps).toHaveLength(2);
  });
});

describe('normalization', () => {
  it('defaults: seed 1, until = start without steps, empty fleet, every carrier without faults', () => {
    const scenario = yaml('name: quiet\nstart: 2026-01-15\n');
    expect(scenario).toMatchObject({ seed: 1, until: t('2026-01-15'), fleet: [], pools: [], steps: [] });
    expect(Object.keys(scenario.carriers)).toEqual(['CM', 'CU', 'CT', 'AL']);
    expect(scenario.carriers.AL).toEqual({
      abnormalPerCardMonth: 0,
      operationDelayMs: 0,
      outagesPerMonth: 0,
      outageDurationMs: 3_600_000,
    });
  });

  it('`after` counts from the previous step, or from start; until defaults to the last step', () => {
    const scenario = withSteps(`
  - after: 3d
    expect: [{ cards: { group: meters }, count: 100 }]
  - after: 1mo
    expect: [{ cards: { group: meters }, count: 100 }]
  - at: 2026-03-18T06:30
    expect: [{ cards: { group: meters }, count: 100 }]
  - after: 90m
    expect: [{ cards: { group: meters }, count: 100 }]
`);
    expect(scenario.steps.map((step) => step.at)).toEqual([
      t('2026-01-18'),
      t('2026-02-18'),
      t('2026-03-18T06:30'),
      t('2026-03-18T08:00'),
    ]);
    expect(scenario.until).toBe(t('2026-03-18T08:00'));
  });

  it('a step at the same time as the previous one is fine: only going backwards is not', () => {
    const scenario = withSteps(`
  - { at: 2026-02-01, do: activate, cards: { group: meters } }
  - { at: 2026-02-01, do: suspend, cards: { group: meters } }
`);
    expect(scenario.steps[1]!.at).toBe(t('2026-02-01'));
  });

  it('V2: the API hyphen form of a voucher is accepted and shown in the seed form', () => {
    const scenario = yaml(
      'name: x\nstart: 2026-01-15\nfleet: [{ group: a, count: 1, voucher: CT-SC-Y-1-30M }]\n',
    );
    expect(scenario.fleet[0]).toMatchObject({ voucher: { code: 'CT_SC_Y_1_30M' }, periods: 1 });
  });

  it('statuses are read by name or API code, each at its level', () => {
    const step = onlyStep(`
  - at: 2026-02-01
    expect:
      - { cards: { group: meters, where: { status: 35, specificStatus: '500' } }, status: In use, count: 0 }
      - { cards: { group: meters }, specificStatus: In use }
      - { events: { type: card.status, from: 20, to: Suspended (abnormal) }, count: 0 }
`);
    expect(step.expect[0]).toMatchObject({
      cards: { where: { status: 'Suspended', specificStatus: 'Suspended (device change)' } },
      filters: { status: 'In use' },
    });
    expect(step.expect[1]).toMatchObject({ filters: { specificStatus: 'In use' } });
    expect(step.expect[1]).not.toHaveProperty('count');
    expect(step.expect[2]).toMatchObject({
      from: { level: 'status', status: 'Not in use' }, // 20 is both levels' code: the SIM card status wins
      to: { level: 'specific', specific: 'Suspended (abnormal)' },
    });
  });

  it('comparisons come out as { min, max, equals }', () => {
    const step = onlyStep(`
  - at: 2026-02-01
    expect:
      - { cards: { group: meters }, count: 3 }
      - { cards: { group: meters }, count: { atLeast: 3 } }
      - { cards: { group: meters }, count: { atMost: 3 } }
      - { cards: { group: meters }, count: { between: [1, 3] } }
      - { cards: { group: meters }, count: { atLeast: 1, atMost: 3 } }
      - { export: report, status: done }
`);
    expect(step.expect.map((e) => (e.kind === 'cards' ? e.count : undefined))).toEqual([
      { equals: 3 },
      { min: 3 },
      { max: 3 },
      { min: 1, max: 3 },
      { min: 1, max: 3 },
      undefined,
    ]);
    expect(step.expect[5]).toMatchObject({ kind: 'export', fileName: 'report', status: 'done' });
  });

  it('operation arguments: data sizes in bytes, MB in bytes, durations as end times, defaults filled', () => {
    const scenario = yaml(`${header}pools: [{ id: P1, size: 10G, perCard: 100M }]
steps:
  - { at: 2026-02-01, do: topUp, cards: { group: meters }, with: { type: addOn, tier: 1G, quantity: 2 } }
  - { at: 2026-02-01, do: setUsageLimit, with: { voucher: CM-SC-M-1-100M, mb: 80 } }
  - { at: 2026-02-01, do: traffic, cards: { group: meters }, with: { mb: 1.5 } }
  - { at: 2026-02-01, do: expandPool, with: { pool: P1, by: 5G } }
  - { at: 2026-02-01, do: carrier.outage, with: { carrier: CU, for: 6h } }
  - { at: 2026-02-01, do: export }
  - { at: 2026-02-01, do: addRule, with: { name: r1, scope: { tag: north }, type: usage, share: 0.8 } }
  - { at: 2026-02-01, do: buy, with: { group: late, count: 2, voucher: CU_UP_M_1_P1, months: 3 } }
`);
    expect(scenario.pools[0]).toMatchObject({ sizeBytes: 10 * GB, perCardBytes: 100 * MB });
    expect(scenario.steps.map((step) => step.operation?.with)).toEqual([
      { type: 'addOn', tierBytes: GB, quantity: 2 },
      {
        limitBytes: 80 * MB,
        autoRestore: true,
        voucher: expect.objectContaining({ code: 'CM_SC_M_1_100M' }),
      },
      { bytes: 1.5 * MB, whitelisted: true },
      { pool: 'P1', byBytes: 5 * GB },
      { carrier: 'CU', endsAt: t('2026-02-01T06:00') },
      { months: 1, daily: false, filter: {} },
      {
        name: 'r1',
        scope: { kind: 'tag', tag: 'north' },
        trigger: { type: 'usage', share: 0.8 },
        action: 'notify',
      },
      expect.objectContaining({
        group: 'late',
        count: 2,
        periods: 3,
        orderedAt: t('2026-02-01'),
        path: 'steps[7].with',
      }),
    ]);
    expect(scenario.steps[1]!.operation).not.toHaveProperty('cards');
  });

  it("a group bought by a buy step can be selected from then on, by that step's expectations too", () => {
    const scenario = withSteps(`
  - at: 2026-02-01
    do: buy
    with: { group: late, count: 5, voucher: CT_SC_M_1_30M, device: { profile: tracker } }
    expect: [{ cards: { group: late, last: 5 }, count: 5 }]
  - { after: 1d, do: activate, cards: { group: late, index: [4] } }
`);
    expect(scenario.steps[0]!.operation).toMatchObject({
      with: { device: { profile: 'tracker', insertedAt: t('2026-02-01') } },
    });
  });

  it("D1: custom profiles keep what they set, in the traffic model's terms", () => {
    const scenario = yaml(`name: x
start: 2026-01-15
profiles:
  shop: { dailyMB: 2, sessionsPerDay: 40, whitelistedShare: 0.5, dailySpread: 0.2, activeHours: [8, 21.5], activeDays: weekdays }
`);
    expect(scenario.profiles.shop).toEqual({
      dailyMB: 2,
      sessionsPerDay: 40,
      whitelistedShare: 0.5,
      dailySpread: 0.2,
      activeHours: [8, 21.5],
      activeDays: 'weekdays',
    });
  });

  it('M3: user operations take sub-cards by carrier or MSISDN', () => {
    const step = onlyStep(`
  - { at: 2026-02-01, do: suspend, cards: { group: meters }, with: { subCards: [CU, '1440000000001'] } }
`);
    expect(step.operation?.with).toEqual({ subCards: ['CU', '1440000000001'] });
  });
});
