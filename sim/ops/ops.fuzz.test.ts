// Random operations, valid and not, thrown at a world: nothing escapes but a coded refusal, the
// card invariants hold after every step, and a refused card is left exactly as it was.
import { describe, expect, it } from 'vitest';
import type { Card } from '../cards/card.ts';
import { machinesOf } from '../cards/card.ts';
import { isErrorCode } from '../errors.ts';
import { Randomness } from '../random.ts';
import { Harness, MB } from '../testing/harness.ts';
import { cardProblems, heldCausesProblems } from '../testing/invariants.ts';
import { DAY_MS } from '../time/calendar.ts';
import { performOperation } from './perform.ts';
import type { OperationName } from './types.ts';

function fingerprint(card: Card): string {
  return JSON.stringify({
    view: card.view,
    tags: card.tags,
    remark: card.remark,
    autoRenew: card.autoRenew,
    limit: [card.usageLimitBytes, card.usageLimitAutoRestore],
    plan: [card.monthsBought, card.serviceEndsAt],
    records: card.records.length,
    machines: machinesOf(card).map((m) => [m.getSnapshot().value, m.getSnapshot().context]),
  });
}

function fuzz(seed: number, steps: number): string[] {
  const h = new Harness('2026-01-10', seed);
  const world = h.world;
  const pick = new Randomness(seed).stream('ops-fuzz');
  world.addPool('P1', 500 * MB);
  const cards = ['CM_SC_M_1_100M', 'CT_SF_M_1_30M', 'CU_UP_M_1_P1', 'AL_SC_M_1_1G', 'CM_SCD_Y_1_1G'].flatMap(
    (code) => h.buy(code, { count: 4, periods: pick.pick([1, 3]), idVerification: pick.bernoulli(0.3) }),
  );
  const problems: string[] = [];
  const text = () => pick.pick(['north', 'pilot', '', ' ', 'x'.repeat(40), 'a,b', 'south', 'east']);
  const argsFor = (name: OperationName): unknown => {
    switch (name) {
      case 'topUp':
        return pick.bernoulli(0.5)
          ? { type: 'renew', periods: pick.int(0, 13) }
          : {
              type: 'addOn',
              tierBytes: pick.pick([0, 30 * MB, 100 * MB]),
              quantity: pick.int(0, 4),
              ...(pick.bernoulli(0.3) ? { serial: `S${pick.int(1, 5)}` } : {}),
            };
      case 'setAutoRenew':
        return { on: pick.bernoulli(0.5) };
      case 'addTags':
      case 'removeTags':
        return { tags: [text(), text()] };
      case 'setRemark':
        return { text: 'r'.repeat(pick.pick([0, 10, 256, 257])) };
      case 'setUsageLimit':
        return { limitBytes: pick.pick([null, 1 * MB, 50 * MB]), autoRestore: pick.bernoulli(0.5) };
      case 'insertDevice':
      case 'setProfile':
        return { profile: pick.pick(['meter', 'camera', 'tracker', 'nope']) };
      case 'swapDevice':
        return pick.bernoulli(0.8) ? {} : { profile: pick.pick(['pos', 'nope']) };
      case 'traffic':
        return { bytes: pick.pick([0, 1 * MB, 30 * MB]), whitelisted: pick.bernoulli(0.7) };
      default:
        return pick.bernoulli(0.9) ? {} : { subCards: [pick.pick(['CM', 'CU', 'XX'])] };
    }
  };
  const names: OperationName[] = [
    'activate',
    'requestTestPeriod',
    'suspend',
    'resume',
    'rebind',
    'forceActivate',
    'verifyIdentity',
    'topUp',
    'setAutoRenew',
    'requestCancellation',
    'addTags',
    'removeTags',
    'setRemark',
    'setUsageLimit',
    'insertDevice',
    'swapDevice',
    'removeDevice',
    'powerOff',
    'powerOn',
    'setProfile',
    'traffic',
    'carrier.suspendAbnormal',
    'carrier.resumeAbnormal',
  ];
  for (let i = 0; i < steps && problems.length === 0; i++) {
    if (pick.bernoulli(0.1)) world.runUntil(world.now() + pick.int(1, 10) * DAY_MS);
    const name = pick.pick(names);
    const batch = [pick.pick(cards), pick.pick(cards)].filter((c, j, all) => all.indexOf(c) === j);
    const before = new Map(batch.map((card) => [card, fingerprint(card)]));
    let result;
    try {
      result = performOperation(world, { operation: name, args: argsFor(name) as never, cards: batch });
    } catch (error) {
      problems.push(`${name}: threw ${(error as Error).message}`);
      break;
    }
    for (const r of result.results) {
      const card = batch.find((c) => c.iccid === r.iccid)!;
      if (!r.ok) {
        if (!isErrorCode(r.code)) problems.push(`${name} on ${r.iccid}: unknown code ${r.code}`);
        if (fingerprint(card) !== before.get(card))
          problems.push(`${name} on ${r.iccid} refused with ${r.code} but changed the card`);
      }
      problems.push(...cardProblems(card));
    }
  }
  world.runUntil(world.now() + 60 * DAY_MS);
  for (const card of cards) problems.push(...cardProblems(card), ...heldCausesProblems(world, card));
  problems.push(...world.billing.ledger.checkInvariants());
  return problems;
}

describe('operations fuzz', () => {
  for (const seed of Array.from({ length: Number(process.env.FUZZ_SEEDS ?? 4) }, (_, i) => i + 1)) {
    it(`coded refusals only, invariants hold, refused cards unchanged, with seed ${seed}`, () => {
      expect(fuzz(seed, 1500)).toEqual([]);
    });
  }
});
