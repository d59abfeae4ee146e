// For tests of the read side: a small fleet with one card of each kind the console's filter tells
// apart (plan types, carriers, a smart card, pools, tags, verification, automatic renewal, activation
// dates, usage), standing at 2026-02-03 08:00 with known console usage (P4: 2026-02-02's traffic).
import type { Card } from '../cards/card.ts';
import { Harness, MB } from '../testing/harness.ts';

export interface TestFleet {
  readonly h: Harness;
  /** CM_SC_M_1_100M, activated 2026-01-20 10:00, 95 MB used on 2026-02-02, tagged north. */
  readonly sc: Card;
  /** CM_SC_M_1_100M, 3 months, automatic renewal, activated 2026-01-25, 75 MB used on 2026-02-02. */
  readonly sc2: Card;
  /** AL_SC_M_1_1G smart card, activated 2026-01-20 10:00, 10 MB used, tagged north and pilot. */
  readonly smart: Card;
  /** CT_UP_M_1_P1 in pool P1 (500 MB), activated 2026-01-20 10:00, 100 MB used. */
  readonly up: Card;
  /** CU_SF_M_1_1G, same-tier pool, activated 2026-01-20 10:00, nothing used. */
  readonly sf: Card;
  /** CM_SCD_M_1_1G bought with identity verification, never verified; Silent period. */
  readonly unverified: Card;
  /** CM_SCD_M_1_1G bought with identity verification, verified in Silent period. */
  readonly verified: Card;
}

export function testFleet(): TestFleet {
  const h = new Harness('2026-01-15');
  h.world.addPool('P1', 500 * MB);
  const sc = h.one('CM_SC_M_1_100M');
  const sc2 = h.one('CM_SC_M_1_100M', { autoRenew: true, periods: 3 });
  const smart = h.one('AL_SC_M_1_1G');
  const up = h.one('CT_UP_M_1_P1');
  const sf = h.one('CU_SF_M_1_1G');
  const unverified = h.one('CM_SCD_M_1_1G', { idVerification: true });
  const verified = h.one('CM_SCD_M_1_1G', { idVerification: true });
  h.ok(verified, { type: 'VERIFY_IDENTITY' });
  sc.tags.push('north');
  smart.tags.push('north', 'pilot');
  sc.remark = 'roof, "east" side';
  h.at('2026-01-20T10:00');
  for (const card of [sc, smart, up, sf]) h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
  h.at('2026-01-25T09:00');
  h.ok(sc2, { type: 'ACTIVATE', activationType: 'manage' });
  h.at('2026-02-02T10:00');
  h.offer(sc, 95);
  h.offer(sc2, 75);
  h.offer(smart, 10);
  h.offer(up, 100);
  h.at('2026-02-03T08:00');
  return { h, sc, sc2, smart, up, sf, unverified, verified };
}
