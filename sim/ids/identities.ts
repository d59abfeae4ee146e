// The identities of one world: drawn from the run's seed (I5) and unique within the world (I1).
import type { Randomness, RandomStream } from '../random.ts';
import type { Carrier, NetworkCarrier } from './carrier.ts';
import { drawIccid, validateIccid } from './iccid.ts';
import { drawImei, validateImei } from './imei.ts';
import { drawImsi, validateImsi } from './imsi.ts';
import { drawMsisdn, validateMsisdn } from './msisdn.ts';

export type IdentityKind = 'iccid' | 'msisdn' | 'imsi' | 'imei';
export const IDENTITY_KINDS: readonly IdentityKind[] = ['iccid', 'msisdn', 'imsi', 'imei'];

/** The seeded stream of each kind, so that drawing one kind never shifts another's numbers. */
export const IDENTITY_STREAMS: Readonly<Record<IdentityKind, string>> = {
  iccid: 'ids:iccid',
  msisdn: 'ids:msisdn',
  imsi: 'ids:imsi',
  imei: 'ids:imei',
};

const VALIDATORS: Readonly<Record<IdentityKind, (text: unknown) => string | null>> = {
  iccid: validateIccid,
  msisdn: validateMsisdn,
  imsi: validateImsi,
  imei: validateImei,
};

// The smallest range drawn from (CU and CT MSISDNs, 10^8 numbers) makes a collision rare; this many in
// a row means the range is as good as full, which is better said than looped on forever.
const MAX_DRAWS = 1000;

/** Thrown when an identity is taken, invalid, or cannot be drawn any more. */
export class IdentityError extends Error {
  override readonly name = 'IdentityError';
}

export class IdentityFactory {
  private readonly randomness: Randomness;
  private readonly issued: Record<IdentityKind, Set<string>> = {
    iccid: new Set(),
    msisdn: new Set(),
    imsi: new Set(),
    imei: new Set(),
  };

  constructor(randomness: Randomness) {
    this.randomness = randomness;
  }

  iccid(carrier: Carrier): string {
    return this.unique('iccid', (stream) => drawIccid(stream, carrier));
  }

  /** I2: only network carriers; a smart card's MSISDNs belong to its sub-cards. */
  msisdn(carrier: NetworkCarrier): string {
    return this.unique('msisdn', (stream) => drawMsisdn(stream, carrier));
  }

  imsi(carrier: NetworkCarrier): string {
    return this.unique('imsi', (stream) => drawImsi(stream, carrier));
  }

  imei(): string {
    return this.unique('imei', drawImei);
  }

  /**
   * Registers an identity that a scenario gives explicitly, so that no draw hands it out again.
   * Claim explicit identities before drawing others: a draw never returns a value claimed later.
   */
  claim(kind: IdentityKind, value: string): void {
    const problem = VALIDATORS[kind](value);
    if (problem !== null) throw new IdentityError(`cannot claim ${kind}: ${problem}`);
    const issued = this.issued[kind];
    if (issued.has(value)) throw new IdentityError(`cannot claim ${kind} "${value}": it is already taken`);
    issued.add(value);
  }

  /**
   * For restoring a snapshot: the identities a world holds are exactly those issued (every drawn
   * identity is kept by a card or a device), so they are registered again rather than saved.
   */
  reissue(kind: IdentityKind, values: Iterable<string>): void {
    const issued = this.issued[kind];
    issued.clear();
    for (const value of values) issued.add(value);
  }

  /** Whether the value was drawn or claimed in this world. */
  isTaken(kind: IdentityKind, value: string): boolean {
    return this.issued[kind].has(value);
  }

  /** How many identities of the kind were drawn or claimed. */
  count(kind: IdentityKind): number {
    return this.issued[kind].size;
  }

  private unique(kind: IdentityKind, draw: (stream: RandomStream) => string): string {
    // The stream is looked up on every draw, not kept: Randomness.restore() replaces stream objects.
    const stream = this.randomness.stream(IDENTITY_STREAMS[kind]);
    const issued = this.issued[kind];
    for (let attempt = 0; attempt < MAX_DRAWS; attempt++) {
      const value = draw(stream);
      // One lookup rather than has() then add(): the set grew exactly when the value was new.
      const before = issued.size;
      issued.add(value);
      if (issued.size !== before) return value;
    }
    throw new IdentityError(
      `no free ${kind} after ${MAX_DRAWS} draws from ${stream.name}: its range is full`,
    );
  }
}
