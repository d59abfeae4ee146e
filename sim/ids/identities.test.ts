import { describe, expect, it } from 'vitest';
import { RandomStream, Randomness } from '../random.ts';
import { CARRIERS, NETWORK_CARRIERS } from './carrier.ts';
import { validateIccid } from './iccid.ts';
import { IDENTITY_KINDS, IdentityError, IdentityFactory, type IdentityKind } from './identities.ts';
import { validateImei } from './imei.ts';
import { validateImsi } from './imsi.ts';
import { validateMsisdn } from './msisdn.ts';

/** A fixed mix of calls over every kind and carrier, as a world would make them. */
function drawMix(factory: IdentityFactory, rounds: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < rounds; i++) {
    out.push(factory.iccid(CARRIERS[i % CARRIERS.length]!));
    const network = NETWORK_CARRIERS[i % NETWORK_CARRIERS.length]!;
    out.push(factory.msisdn(network), factory.imsi(network), factory.imei());
  }
  return out;
}

function draw(factory: IdentityFactory, kind: IdentityKind, i: number): string {
  const network = NETWORK_CARRIERS[i % NETWORK_CARRIERS.length]!;
  switch (kind) {
    case 'iccid':
      return factory.iccid(CARRIERS[i % CARRIERS.length]!);
    case 'msisdn':
      return factory.msisdn(network);
    case 'imsi':
      return factory.imsi(network);
    case 'imei':
      return factory.imei();
  }
}

const VALIDATORS = { iccid: validateIccid, msisdn: validateMsisdn, imsi: validateImsi, imei: validateImei };

describe('IdentityFactory', () => {
  it('I5 same seed gives the same identities in the same order', () => {
    const a = drawMix(new IdentityFactory(new Randomness(7)), 500);
    const b = drawMix(new IdentityFactory(new Randomness(7)), 500);
    expect(b).toEqual(a);
  });

  it('I5 a different seed gives different identities', () => {
    const a = drawMix(new IdentityFactory(new Randomness(7)), 100);
    const b = drawMix(new IdentityFactory(new Randomness(8)), 100);
    const shared = a.filter((value) => b.includes(value));
    expect(shared).toEqual([]);
  });

  it('I5 each kind has its own stream: drawing IMEIs does not shift ICCIDs', () => {
    const plain = new IdentityFactory(new Randomness('s'));
    const busy = new IdentityFactory(new Randomness('s'));
    for (let i = 0; i < 50; i++) {
      busy.imei();
      busy.msisdn('CU');
      expect(busy.iccid('CT')).toBe(plain.iccid('CT'));
    }
  });

  it('I5 draws continue from restored randomness (the factory does not hold stale streams)', () => {
    const referenceRandomness = new Randomness(3);
    const reference = new IdentityFactory(referenceRandomness);
    for (let i = 0; i < 5; i++) reference.iccid('CM');
    const saved = referenceRandomness.save();
    const next = reference.iccid('CM');

    const randomness = new Randomness(3);
    const factory = new IdentityFactory(randomness);
    factory.imei(); // makes the ids:imei stream before the restore replaces the streams
    randomness.restore(saved);
    expect(factory.iccid('CM')).toBe(next);
  });

  it('I1 identities are unique and valid over 200,000 draws of each kind', () => {
    const factory = new IdentityFactory(new Randomness('unique'));
    for (const kind of IDENTITY_KINDS) {
      const seen = new Set<string>();
      for (let i = 0; i < 200_000; i++) {
        const value = draw(factory, kind, i);
        if (i % 100 === 0) expect(VALIDATORS[kind](value)).toBeNull();
        seen.add(value);
      }
      expect(seen.size, kind).toBe(200_000);
      expect(factory.count(kind)).toBe(200_000);
    }
  });

  it('I1 a draw that hits a claimed identity is drawn again', () => {
    const unhindered = new IdentityFactory(new Randomness(11));
    const first = unhindered.iccid('CU');
    const second = unhindered.iccid('CU');
    const factory = new IdentityFactory(new Randomness(11));
    factory.claim('iccid', first);
    expect(factory.iccid('CU')).toBe(second);
  });

  it('I1 claim() registers a scenario identity and refuses a duplicate', () => {
    const factory = new IdentityFactory(new Randomness(1));
    factory.claim('imei', '490154203237518');
    expect(factory.isTaken('imei', '490154203237518')).toBe(true);
    expect(() => factory.claim('imei', '490154203237518')).toThrow(
      new IdentityError('cannot claim imei "490154203237518": it is already taken'),
    );
    const drawn = factory.msisdn('CM');
    expect(() => factory.claim('msisdn', drawn)).toThrow(/already taken/);
    // Kinds are separate: the same digits may be an IMSI and nothing else.
    expect(factory.isTaken('imsi', drawn)).toBe(false);
  });

  it('I1 claim() refuses an invalid identity with what is wrong', () => {
    const factory = new IdentityFactory(new Randomness(1));
    expect(() => factory.claim('iccid', '89860012345678901237')).toThrow(
      /cannot claim iccid: ICCID "89860012345678901237" ends in check digit 7; Luhn gives 8/,
    );
    expect(() => factory.claim('imsi', '46008123')).toThrow(IdentityError);
    expect(factory.count('iccid')).toBe(0);
  });

  it('I1 a full range is reported, not looped on forever', () => {
    // A stream stuck on its lowest values draws the same identity every time.
    class StuckStream extends RandomStream {
      override int(min: number): number {
        return min;
      }
      override pick<T>(items: readonly T[]): T {
        return items[0]!;
      }
    }
    class StuckRandomness extends Randomness {
      override stream(name: string): RandomStream {
        return new StuckStream(name, 'stuck');
      }
    }
    const factory = new IdentityFactory(new StuckRandomness(1));
    expect(factory.msisdn('CT')).toBe('1064900000000');
    expect(() => factory.msisdn('CT')).toThrow(/no free msisdn after 1000 draws from ids:msisdn/);
  });
});
