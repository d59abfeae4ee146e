// A live session with operations arriving over the API at unpredictable wall times, while the clock
// runs, replays from its recording (GET /api/run/recording) to the same hash.
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseRecording } from '../sim/record/recording.ts';
import { replayRecording } from '../sim/record/replay.ts';
import { parseScenario } from '../sim/scenario/parse.ts';
import { buildApp } from './app.ts';
import { CONSOLE_ACTIONS } from './console-actions.ts';

const scenario = parseScenario(
  parse(`name: Live session
seed: 3
start: 2026-01-01
until: 2026-03-01
pools: [{ id: P1, size: 300M }]
fleet:
  - { group: cams, count: 20, voucher: CU_UP_M_1_P1, activateOnFirstTraffic: true, device: { profile: camera } }
  - { group: meters, count: 30, voucher: CM_SC_M_1_30M, activateOnFirstTraffic: true, device: { profile: meter } }
steps:
  - at: 2026-01-10
    do: addTags
    with: { tags: [north] }
    cards: { group: meters, first: 5 }
`),
);

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('live recordings', () => {
  it('API operations at wall times while the clock runs replay to the same hash', async () => {
    const { app, live } = await buildApp({ scenario });
    closers.push(() => app.close());
    // First to a time when every card has carried traffic (activated, L3), so that no operation below
    // is refused before it is journaled however slowly this machine runs the clock.
    live.advanceTo(Date.UTC(2026, 0, 4, 16));
    await live.settled();
    live.play(3 * 86_400_000);
    const cards = live.world.cards.map((c) => c.iccid);
    const operations = [
      { operation: 'suspend', cards: [cards[25]!], with: {} },
      { operation: 'addTags', cards: cards.slice(20, 24), with: { tags: ['pilot'] } },
      { operation: 'expandPool', with: { pool: 'P1', by: '100M' } },
      { operation: 'setRemark', cards: [cards[3]!], with: { text: 'roof' } },
      { operation: 'resume', cards: [cards[25]!], with: {} },
    ];
    for (const body of operations) {
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 120));
      const response = await app.inject({ method: 'POST', url: '/api/operations', payload: body });
      expect(response.statusCode, response.body).toBe(200);
    }
    // A console action that is not an operation (the tag catalogue) is journaled and replayed too.
    expect(
      (await app.inject({ method: 'POST', url: '/api/tags', payload: { tag: 'spare' } })).statusCode,
    ).toBe(200);
    live.pause();
    const text = (await app.inject({ url: '/api/run/recording' })).body;
    const replay = replayRecording(parseRecording(text), { verify: true, actions: CONSOLE_ACTIONS });
    expect([...replay.world.tagCatalogue]).toContain('spare');
    expect(replay.divergence).toBeUndefined();
    expect(replay.hash).toBe(live.world.hash());
    expect(text.split('\n').filter((l) => l.includes('"kind":"operation"'))).toHaveLength(
      operations.length + 1,
    );
  });
});
