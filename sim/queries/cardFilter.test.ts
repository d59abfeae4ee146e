// C2: every field of the advanced search, alone and together, on a small fleet (test-fleet.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../cards/card.ts';
import { parseVoucher } from '../plans/voucher.ts';
import type { CardFilter } from '../scenario/types-operations.ts';
import { time } from '../testing/harness.ts';
import { checkFilter, matchesFilter } from './cardFilter.ts';
import { forEachMatch } from './cardList.ts';
import { testFleet, type TestFleet } from './test-fleet.ts';

let f: TestFleet;
beforeAll(() => {
  f = testFleet();
});

/** The fleet's names of the cards the filter selects, in creation order (readable failures). */
function select(filter: CardFilter): string[] {
  const found: Card[] = [];
  forEachMatch(f.h.world, { filter }, (card) => found.push(card));
  // The compiled scan and the one-card question agree.
  expect(f.h.world.cards.filter((card) => matchesFilter(f.h.world, card, filter))).toEqual(found);
  return found.map(nameOf);
}

function nameOf(card: Card): string {
  return Object.entries(f).find(([, value]) => value === card)?.[0] ?? card.iccid;
}

describe('C2 card filter', () => {
  it('C2 no field selects every card', () => {
    expect(select({})).toHaveLength(7);
  });

  it('C2 ICCID: a list, in creation order; a smart card by a sub-card ICCID; unknown selects nothing', () => {
    expect(select({ iccids: [f.up.iccid, f.sc.iccid] })).toEqual(['sc', 'up']);
    expect(select({ iccids: [f.smart.subCards[1]!.iccid] })).toEqual(['smart']);
    expect(select({ iccids: ['89860000000000000000'] })).toEqual([]);
  });

  it('C2 MSISDN and IMSI: of the card or of a smart card sub-card', () => {
    expect(select({ msisdn: f.sc2.msisdn! })).toEqual(['sc2']);
    expect(select({ msisdn: f.smart.subCards[0]!.msisdn })).toEqual(['smart']);
    expect(select({ imsi: f.sf.imsi! })).toEqual(['sf']);
    expect(select({ imsi: f.smart.subCards[2]!.imsi })).toEqual(['smart']);
    // An ICCID is not an MSISDN: the MSISDN field does not find a card by it.
    expect(select({ msisdn: f.sc.iccid })).toEqual([]);
  });

  it('C2 voucher (either spelling), carrier and plan type', () => {
    expect(select({ voucher: parseVoucher('CM-SC-M-1-100M') })).toEqual(['sc', 'sc2']);
    expect(select({ carrier: 'AL' })).toEqual(['smart']);
    expect(select({ carrier: 'CM' })).toEqual(['sc', 'sc2', 'unverified', 'verified']);
    expect(select({ planType: 'UP' })).toEqual(['up']);
    expect(select({ planType: 'SCD' })).toEqual(['unverified', 'verified']);
  });

  it('C2 SIM card status and specific status', () => {
    expect(select({ status: 'In use' })).toEqual(['sc', 'sc2', 'smart', 'up', 'sf']);
    expect(select({ status: 'Not in use' })).toEqual(['unverified', 'verified']);
    expect(select({ specificStatus: 'Silent period' })).toEqual(['unverified', 'verified']);
    expect(select({ specificStatus: 'Manually suspended' })).toEqual([]);
  });

  it('C2 tag', () => {
    expect(select({ tag: 'north' })).toEqual(['sc', 'smart']);
    expect(select({ tag: 'pilot' })).toEqual(['smart']);
    expect(select({ tag: 'south' })).toEqual([]);
  });

  it('C2 pool ID: a UP pool, or a same-tier pool by its voucher code in either spelling', () => {
    expect(select({ pool: 'P1' })).toEqual(['up']);
    expect(select({ pool: 'CU_SF_M_1_1G' })).toEqual(['sf']);
    expect(select({ pool: 'CU-SF-M-1-1G' })).toEqual(['sf']);
    expect(select({ pool: 'P2' })).toEqual([]);
  });

  it('C2 activation date range is [from, to); cards not activated match no range', () => {
    expect(select({ activated: { from: time('2026-01-20'), to: time('2026-01-21') } })).toEqual([
      'sc',
      'smart',
      'up',
      'sf',
    ]);
    expect(select({ activated: { from: time('2026-01-25T09:00') } })).toEqual(['sc2']);
    expect(select({ activated: { to: time('2026-01-25T09:00') } })).toEqual(['sc', 'smart', 'up', 'sf']);
    expect(select({ activated: {} })).toHaveLength(5);
  });

  it('C2 expiry date range on the end of service (T5: 3 months from January end 2026-04-01)', () => {
    expect(f.sc2.serviceEndsAt).toBe(time('2026-04-01'));
    expect(select({ expires: { to: time('2026-05-01') } })).toEqual(['sc2']);
    expect(select({ expires: { from: time('2027-01-01'), to: time('2027-01-02') } })).toEqual([
      'sc',
      'smart',
      'up',
      'sf',
    ]);
    // [from, to): the end itself is outside a range that stops there.
    expect(select({ expires: { to: time('2026-04-01') } })).toEqual([]);
  });

  it('C2 P4 usage range in MB on the console cycle usage (up to 24:00 yesterday)', () => {
    expect(select({ usageMB: { min: 90 } })).toEqual(['sc', 'up']);
    expect(select({ usageMB: { min: 90, max: 99 } })).toEqual(['sc']);
    expect(select({ usageMB: { min: 70, max: 80 } })).toEqual(['sc2']);
    expect(select({ usageMB: { equals: 100 } })).toEqual(['up']);
    expect(select({ usageMB: { equals: 0 } })).toEqual(['sf', 'unverified', 'verified']);
  });

  it('C2 P4 traffic of today is not in the usage range until the day is over', () => {
    const h = testFleet().h;
    const card = h.world.cards[1]!;
    h.offer(card, 10);
    const over80 = (): boolean => matchesFilter(h.world, card, { usageMB: { min: 80 } });
    expect(h.usedMB(card)).toBe(85);
    expect(over80()).toBe(false);
    h.at('2026-02-04');
    expect(over80()).toBe(true);
  });

  it('C2 remaining data at most 10/20/30 % of the allowance (live; pools share their level)', () => {
    // sc: 5 MB of 100 left; sc2: 25 of 100; up: 400 of 500 in P1; sf: its whole pool.
    expect(select({ remainingShareAtMost: 0.1 })).toEqual(['sc']);
    expect(select({ remainingShareAtMost: 0.2 })).toEqual(['sc']);
    expect(select({ remainingShareAtMost: 0.3 })).toEqual(['sc', 'sc2']);
  });

  it('C2 remaining data of exactly 10 % is at most 10 %', () => {
    const h = testFleet().h;
    const card = h.world.cards[1]!; // sc2: 75 of 100 MB used
    h.offer(card, 15);
    expect(matchesFilter(h.world, card, { remainingShareAtMost: 0.1 })).toBe(true);
  });

  it('C2 remaining data counts the add-on package after the tier (T3)', () => {
    const h = testFleet().h;
    const card = h.world.cards[1]!; // sc2: 75 of 100 MB used
    h.world.traffic.usage.addOnRemaining.set(card.index, 100 * 1_048_576);
    // 25 + 100 left of 200: 62.5 %.
    expect(matchesFilter(h.world, card, { remainingShareAtMost: 0.3 })).toBe(false);
    h.offer(card, 150); // 25 MB of the tier, then 125 of the add-on: 0 + 0 left.
    expect(matchesFilter(h.world, card, { remainingShareAtMost: 0.1 })).toBe(true);
  });

  it('C2 verification status: verified, or bought with verification and not verified yet', () => {
    expect(select({ idVerified: true })).toEqual(['verified']);
    expect(select({ idVerified: false })).toEqual(['unverified']);
  });

  it('C2 automatic renewal', () => {
    expect(select({ autoRenew: true })).toEqual(['sc2']);
    expect(select({ autoRenew: false })).toHaveLength(6);
  });

  it('C2 every field narrows: fields together select what each selects', () => {
    expect(select({ carrier: 'CM', tag: 'north' })).toEqual(['sc']);
    expect(select({ voucher: parseVoucher('CM_SC_M_1_100M'), usageMB: { max: 80 } })).toEqual(['sc2']);
    expect(select({ iccids: [f.sc.iccid, f.sf.iccid], status: 'In use', pool: 'P1' })).toEqual([]);
  });

  it('C2 a filter that cannot mean anything is refused with InvalidArgument naming the field', () => {
    const refused = (filter: CardFilter, text: string): void => {
      expect(() => checkFilter(filter)).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
      expect(() => checkFilter(filter)).toThrow(text);
    };
    refused({ iccids: [] }, 'filter.iccid');
    refused({ remainingShareAtMost: 0.5 }, 'filter.remainingAtMost');
    refused({ activated: { from: time('2026-02-01'), to: time('2026-01-01') } }, 'filter.activated');
    refused({ usageMB: { min: 10, max: 5 } }, 'filter.usageMB');
    refused({ usageMB: { equals: 'lots' } }, 'filter.usageMB');
    refused({ status: 'Sleeping' as never }, 'filter.status');
    expect(() => checkFilter({ usageMB: { equals: '12' }, remainingShareAtMost: 0.2 })).not.toThrow();
  });
});
