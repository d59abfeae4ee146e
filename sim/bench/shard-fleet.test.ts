// The shard splitter (shard-fleet.ts, shard-steps.ts): pools stay whole, cards are neither lost nor
// doubled, and each step reaches exactly the cards it reaches in the unsplit scenario.
import { describe, expect, it } from 'vitest';
import type { Card } from '../cards/card.ts';
import { parseVoucher } from '../plans/voucher.ts';
import { selectCards } from '../scenario/select.ts';
import type { CardSelector, Operation, Scenario, Step } from '../scenario/types.ts';
import { DAY_MS } from '../time/calendar.ts';
import type { World } from '../world.ts';
import { FREE_SHARDS, shardScenario, type FleetShard } from './shard-fleet.ts';
import { poolIdOf, UnshardableScenarioError } from './shard-layout.ts';
import { shardSeed } from './sharded-hash.ts';
import { standardFleet } from './standard-fleet.ts';

const fleet = standardFleet({ cards: 600, months: 12, seed: 7 });

describe('sharding the standard fleet', () => {
  const shards = shardScenario(fleet);

  it('keeps every pool’s cards in one shard, and that shard holds nothing else', () => {
    const shardsOfPool = new Map<string, Set<number>>();
    for (const shard of shards) {
      for (const entry of shard.scenario.fleet) {
        const poolId = poolIdOf(entry);
        if (poolId === undefined) continue;
        const found = shardsOfPool.get(poolId) ?? new Set();
        shardsOfPool.set(poolId, found.add(shard.shard));
      }
    }
    expect([...shardsOfPool.keys()]).toEqual(['CT_SF_M_1_100M', 'CM_SFD_Y_1_1G', 'POOLA', 'POOLB']);
    for (const [poolId, found] of shardsOfPool) {
      expect(found.size, poolId).toBe(1);
      const shard = shards[[...found][0]!]!;
      expect(shard.pools).toEqual([poolId]);
      expect(shard.scenario.fleet.every((entry) => poolIdOf(entry) === poolId)).toBe(true);
    }
    // A UP/UPG pool's spec goes with its cards, whole.
    const poolA = shards.find((s) => s.pools.includes('POOLA'))!;
    expect(poolA.scenario.pools).toEqual(fleet.pools.filter((p) => p.id === 'POOLA'));
  });

  it('the shards’ cards sum to the fleet, group by group', () => {
    expect(shards).toHaveLength(4 + FREE_SHARDS);
    expect(shards.reduce((n, s) => n + s.cards, 0)).toBe(600);
    for (const entry of fleet.fleet) {
      const counts = shards.flatMap((s) => s.scenario.fleet.filter((e) => e.group === entry.group));
      expect(
        counts.reduce((n, e) => n + e.count, 0),
        entry.group,
      ).toBe(entry.count);
    }
  });

  it('depends on the scenario only: the same split every time, seeds from the run seed and shard', () => {
    expect(shardScenario(fleet)).toEqual(shards);
    const seeds = shards.map((s) => s.scenario.seed);
    expect(new Set(seeds).size).toBe(shards.length);
    expect(seeds).toEqual(shards.map((s) => shardSeed(7, s.shard)));
    expect(shardScenario(fleet, 8).map((s) => s.scenario.seed)).not.toContain(seeds[0]);
  });

  it('sends the voucher-wide usage limit to every shard holding that voucher, and only there', () => {
    const holding = shards
      .filter((s) => s.scenario.fleet.some((e) => e.voucher.code === 'CM_SC_M_1_30M'))
      .map((s) => s.shard);
    expect(holding).toHaveLength(FREE_SHARDS);
    const withLimit = shards
      .filter((s) => s.scenario.steps.some((step) => step.operation?.do === 'setUsageLimit'))
      .map((s) => s.shard);
    expect(withLimit).toEqual(holding);
  });
});

describe('re-targeting group selectors', () => {
  // g8 (60 idle cards) is cut into FREE_SHARDS parts; g4 (90 trackers on POOLA) stays whole.
  const selectors: [string, CardSelector][] = [
    ['first of a split group', { kind: 'group', group: 'g8-idle', first: 30 }],
    ['first past the end', { kind: 'group', group: 'g8-idle', first: 500 }],
    ['last of a split group', { kind: 'group', group: 'g8-idle', last: 13 }],
    ['index, out of order, with a repeat and one past the end', indexes('g8-idle', [59, 0, 8, 8, 60, 17])],
    ['a whole split group', { kind: 'group', group: 'g8-idle' }],
    ['index in a pool group', indexes('g4-tracker', [3, 89])],
    [
      'first with a status filter',
      { kind: 'group', group: 'g1-tracker', first: 20, where: { status: 'Testable' } },
    ],
  ];
  for (const [name, selector] of selectors) {
    it(`${name}: the shards select exactly the cards the whole fleet does`, () => {
      const scenario = withSteps(fleet, [suspend(selector)]);
      const shards = shardScenario(scenario);
      const wanted = cardIds(selectCards(fakeWorld(scenario.fleet), selector));
      const got = shards.flatMap((shard) =>
        shard.scenario.steps.map((step) => {
          const world = fakeWorld(shard.scenario.fleet, offsetsOf(shards, shard.shard));
          const local = selectCards(world, step.operation!.cards!);
          expect(local.length, `shard ${shard.shard} got a step that selects nothing`).toBeGreaterThan(0);
          return cardIds(local);
        }),
      );
      expect(got.flat().sort()).toEqual([...wanted].sort());
      expect(got.flat().length).toBe(wanted.length);
    });
  }
});

describe('what the splitter refuses', () => {
  it('an ICCID selector: identities are drawn per shard', () => {
    const scenario = withSteps(fleet, [suspend({ kind: 'iccid', iccids: ['89860000000000000000'] })]);
    expect(() => shardScenario(scenario)).toThrow(UnshardableScenarioError);
  });

  it('expectations: they count the whole fleet', () => {
    const step: Step = {
      ...suspend({ kind: 'all' }),
      expect: [{ kind: 'count', index: 0, path: 'steps[0].expect[0]' } as never],
    };
    expect(() => shardScenario(withSteps(fleet, [step]))).toThrow(/steps\[0\]: expectations/);
  });

  it('two fleet entries with one group name', () => {
    const [first] = fleet.fleet;
    const scenario: Scenario = { ...fleet, fleet: [...fleet.fleet, { ...first!, path: 'fleet[10]' }] };
    expect(() => shardScenario(scenario)).toThrow(/fleet\[10\]: group g0-meter/);
  });
});

it('a fleet smaller than the free shards leaves no empty shard', () => {
  const scenario: Scenario = {
    ...fleet,
    fleet: [{ ...fleet.fleet[0]!, count: 3, voucher: parseVoucher('CM_SC_M_1_30M') }],
    pools: [],
    steps: [],
  };
  expect(shardScenario(scenario).map((s) => s.cards)).toEqual([1, 1, 1]);
});

function indexes(group: string, index: number[]): CardSelector {
  return { kind: 'group', group, index };
}

function suspend(cards: CardSelector): Step {
  return {
    index: 0,
    path: 'steps[0]',
    at: fleet.start + DAY_MS,
    operation: { do: 'suspend', with: {}, cards } as Operation,
    expect: [],
  };
}

function withSteps(scenario: Scenario, steps: Step[]): Scenario {
  return { ...scenario, steps };
}

/** Just enough of a world for selectCards on groups: cards named `group#n`, n counted in the whole
 * group's buying order (a shard's part starts at `offsets`), and every card whose n is odd Testable. */
function fakeWorld(entries: Scenario['fleet'], offsets = new Map<string, number>()): World {
  const groups = new Map<string, Card[]>();
  for (const entry of entries) {
    const offset = offsets.get(entry.group) ?? 0;
    const cards = Array.from({ length: entry.count }, (_, i) => {
      const n = offset + i;
      return {
        iccid: `${entry.group}#${n}`,
        view: { status: n % 2 ? 'Testable' : 'Not in use' },
      } as unknown as Card;
    });
    groups.set(entry.group, cards);
  }
  return { groups } as unknown as World;
}

/** How many cards of each group the shards before this one hold (parts go in shard order). */
function offsetsOf(shards: readonly FleetShard[], shard: number): Map<string, number> {
  const before = new Map<string, number>();
  for (const s of shards.slice(0, shard)) {
    for (const entry of s.scenario.fleet)
      before.set(entry.group, (before.get(entry.group) ?? 0) + entry.count);
  }
  return before;
}

function cardIds(cards: readonly Card[]): string[] {
  return cards.map((card) => card.iccid);
}
