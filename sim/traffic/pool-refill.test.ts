// P2: a pool that ran dry lets its cards carry again when new cards bring data to it.
import { describe, expect, it } from 'vitest';
import { Harness, MB } from '../testing/harness.ts';

describe('pooled data plans', () => {
  it('P2 cards added to a dry pool that bring data resume its suspended cards', () => {
    const h = new Harness('2026-03-01');
    h.world.addPool('P1', 100 * MB, 50 * MB);
    const cards = h.buy('CU_UP_M_1_P1', { count: 2 });
    for (const card of cards) h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    expect(h.offer(cards[0]!, 250)).toBe(200);
    expect(cards.map((c) => c.view.specificStatus)).toEqual([
      'Suspended (credit control)',
      'Suspended (credit control)',
    ]);
    const [added] = h.buy('CU_UP_M_1_P1', { count: 1 });
    h.ok(added!, { type: 'ACTIVATE', activationType: 'manage' });
    expect(cards.map((c) => c.view.specificStatus)).toEqual(['In use', 'In use']);
    expect(h.offer(cards[1]!, 80)).toBe(50);
  });
});
