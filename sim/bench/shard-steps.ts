// Routes a scenario's steps to the shards that hold their cards (shard-fleet.ts), re-targeted so that
// each shard acts on exactly the cards the whole scenario would have: `{ group, first: 100 }` over a
// group cut into parts becomes `first` of the parts that hold cards 0-99, each counted from its own
// first card; `index` and `last` likewise. A step that would select no card in a shard is left out
// of it. Steps keep their index and path, so a failure still names the place in the file.
import type { CardSelector, Operation, Step } from '../scenario/types.ts';
import { UnshardableScenarioError, type EntryPart, type ShardLayout } from './shard-layout.ts';

/** The steps of each shard, in the scenario's order. */
export function placeSteps(steps: readonly Step[], layout: ShardLayout): Step[][] {
  const placed: Step[][] = Array.from({ length: layout.shardCount }, () => []);
  for (const step of steps) {
    for (const [shard, operation] of placeStep(step, layout)) placed[shard]!.push({ ...step, operation });
  }
  return placed;
}

function placeStep(step: Step, layout: ShardLayout): [number, Operation][] {
  const refuse = (why: string) => new UnshardableScenarioError(`${step.path}: ${why}`);
  if (step.expect.length > 0 || step.expectError !== undefined) {
    throw refuse('expectations are about the whole fleet; a sharded run cannot check them');
  }
  const operation = step.operation;
  if (!operation) return [];
  if (operation.cards) {
    return retarget(operation.cards, layout, refuse).map(([shard, cards]) => [
      shard,
      { ...operation, cards } as Operation,
    ]);
  }
  const all = Array.from({ length: layout.shardCount }, (_, shard) => shard);
  const to = (shards: readonly number[]): [number, Operation][] => shards.map((s) => [s, operation]);
  switch (operation.do) {
    case 'setUsageLimit': {
      // C6 on a whole voucher: every shard that holds cards of it keeps the same setting.
      const voucher = operation.with.voucher;
      if (!voucher) throw refuse('setUsageLimit needs cards or a voucher');
      return to(layout.vouchers.get(voucher.code) ?? []);
    }
    case 'expandPool':
      // A pool no card joins lives in shard 0 (shard-fleet.ts).
      return to([layout.pools.get(operation.with.pool) ?? 0]);
    case 'carrier.outage':
    case 'addRule':
    case 'removeRule':
      // The same carrier fault and the same rules in every shard: each card sees what it would have.
      return to(all);
    default:
      throw refuse(`${operation.do} acts on the whole fleet at once; the splitter cannot divide it`);
  }
}

function retarget(
  selector: CardSelector,
  layout: ShardLayout,
  refuse: (why: string) => Error,
): [number, CardSelector][] {
  const all = Array.from({ length: layout.shardCount }, (_, shard) => shard);
  const to = (shards: readonly number[]): [number, CardSelector][] => shards.map((s) => [s, selector]);
  switch (selector.kind) {
    case 'group': {
      const group = layout.groups.get(selector.group);
      if (!group) throw refuse(`group ${selector.group} is not bought by the fleet`);
      const placed: [number, CardSelector][] = [];
      for (const part of group.parts) {
        const local = sliceOfPart(selector, part, group.entry.count);
        if (local) placed.push([part.shard, local]);
      }
      return placed;
    }
    case 'voucher':
      return to(layout.vouchers.get(selector.voucher.code) ?? []);
    case 'pool': {
      const shard = layout.pools.get(selector.pool);
      return to(shard === undefined ? [] : [shard]);
    }
    case 'tag':
    case 'all':
      return to(all);
    case 'iccid':
      throw refuse('ICCIDs are drawn per shard, so an ICCID selector cannot be routed');
  }
}

/** The part's share of a group selection, counted from the part's first card; null for none. */
function sliceOfPart(
  selector: CardSelector & { kind: 'group' },
  part: EntryPart,
  groupCount: number,
): CardSelector | null {
  const { offset, count } = part;
  const clamp = (n: number) => Math.max(0, Math.min(count, n));
  const { first: _first, last: _last, index: _index, ...rest } = selector;
  if (selector.first !== undefined) {
    const first = clamp(selector.first - offset);
    return first > 0 ? { ...rest, first } : null;
  }
  if (selector.last !== undefined) {
    const last = clamp(offset + count - Math.max(0, groupCount - selector.last));
    return last > 0 ? { ...rest, last } : null;
  }
  if (selector.index) {
    const index = selector.index.filter((i) => i >= offset && i < offset + count).map((i) => i - offset);
    return index.length > 0 ? { ...rest, index } : null;
  }
  return selector;
}
