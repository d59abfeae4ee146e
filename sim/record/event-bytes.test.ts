// S2, determinism: the run hash takes each event's line as bytes written directly; they must be
// exactly the UTF-8 of the canonical line, for any value an event may carry.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CanonicalValue } from './canonical.ts';
import { EventBytes, reusablePayload } from './event-bytes.ts';
import { eventLine, type SimEvent } from './event.ts';
import { RunHash } from './run-hash.ts';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

// Strings from every part of UTF-16: control characters, quotes and backslashes, DEL, 2- and 3-byte
// characters, surrogate pairs and lone surrogates (which JSON.stringify escapes).
const anyText = fc.string({ unit: 'binary' });
const tricky = fc.constantFrom(
  '',
  '"',
  '\\',
  '\u007f',
  '\u0000\u001f',
  '\b\f\n\r\t',
  'é',
  '€',
  '😀',
  '\ud800',
  'a\udc00b',
  '\u2028',
);
const text = fc.oneof(anyText, tricky, fc.string({ unit: 'grapheme' }));
const value: fc.Arbitrary<CanonicalValue> = fc.letrec<{ value: CanonicalValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    text,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(text, fc.option(tie('value'), { nil: undefined }), { maxKeys: 5 }),
  ),
})).value;

const event = (payload: CanonicalValue, subject = 'iccid', type = 'card.status'): SimEvent => ({
  t: 1_767_196_800_000,
  seq: 42,
  type,
  subject,
  payload,
});

describe('event bytes', () => {
  it('S2 are the UTF-8 of the canonical line, for any payload, subject and type', () => {
    const bytes = new EventBytes();
    fc.assert(
      fc.property(value, text, text, (payload, subject, type) => {
        const e = event(payload, subject, type);
        expect(bytes.encode(e)).toEqual(utf8(eventLine(e)));
      }),
      { numRuns: 2000 },
    );
  });

  it('-0 is written 0, and a large payload grows the buffer', () => {
    const bytes = new EventBytes();
    const big = { list: Array.from({ length: 3000 }, (_, i) => `item ${i} é`), zero: -0 };
    expect(bytes.encode(event(big))).toEqual(utf8(eventLine(event(big))));
  });

  it('whole numbers of every size are written as String() writes them', () => {
    const bytes = new EventBytes();
    const edges = [0, 7, 9, 10, 99, 1e7 - 1, 1e7, 1e8 - 1, 1e8, 1e8 + 1, 1_000_000_007, 1_767_196_800_000];
    const numbers = [...edges, ...edges.map((n) => -n), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
    for (const n of numbers) {
      const e = { ...event({ n }), t: n, seq: Math.abs(n) };
      expect(bytes.encode(e)).toEqual(utf8(eventLine(e)));
    }
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        const e = { ...event({ n }), t: n };
        expect(bytes.encode(e)).toEqual(utf8(eventLine(e)));
      }),
      { numRuns: 2000 },
    );
  });

  it('S2 a reusable payload is frozen and written the same every time, as a fresh copy is', () => {
    const bytes = new EventBytes();
    const shared = reusablePayload({ from: 'In use', to: 'Suspended', cause: 'creditControl', by: 'system' });
    expect(Object.isFrozen(shared)).toBe(true);
    for (const [i, subject] of ['a', 'b', 'é'].entries()) {
      const e = { ...event(shared, subject), seq: i };
      const fresh = { ...event({ ...shared }, subject), seq: i };
      expect(bytes.encode(e)).toEqual(utf8(eventLine(fresh)));
      // Another payload in between must not leave its bytes behind.
      bytes.encode(event({ other: i }));
    }
  });

  it('refuses what the canonical form refuses, with its path', () => {
    const bytes = new EventBytes();
    expect(() => bytes.encode(event({ a: [1, Number.NaN] }))).toThrow(/\$\.a\[1\]: NaN/);
    expect(() => bytes.encode(event({ b: [undefined as unknown as CanonicalValue] }))).toThrow(/undefined/);
  });

  it('the run hash is the same fed bytes or lines', () => {
    const byLines = new RunHash();
    const byBytes = new RunHash();
    const bytes = new EventBytes();
    for (let i = 0; i < 2500; i++) {
      const e = event({ i, note: i % 7 === 0 ? 'ü "q"' : 'x' });
      byLines.update(eventLine(e));
      byBytes.updateBytes(bytes.encode(e));
    }
    expect(byBytes.hex()).toBe(byLines.hex());
    expect(byBytes.save()).toEqual(byLines.save());
  });
});
