// An event's canonical line (event.ts eventLine) written straight as UTF-8 bytes, for the run hash.
// Same bytes as Buffer.from(eventLine(event)), without the strings: building the line by string
// concatenation made about 2 KB of garbage per event (a sixth of everything a pool shard of the
// benchmark allocated), and the hash needs only the bytes. Anything the canonical form refuses
// (NaN, Infinity, undefined in an array, a function) is handed to canonicalJson, which throws the
// error with the value's path.
import { canonicalJson, sortedKeys, type CanonicalValue } from './canonical.ts';
import type { SimEvent } from './event.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HEX = '0123456789abcdef';

// Keys repeat from event to event: each is encoded once (bounded, like canonical.ts's cache).
const keyBytes = new Map<string, Uint8Array>();
const bytesOf = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const PAYLOAD = bytesOf('{"payload":');
const SEQ = bytesOf(',"seq":');
const SUBJECT = bytesOf(',"subject":');
const T = bytesOf(',"t":');
const TYPE = bytesOf(',"type":');

// Payloads that many events share, frozen, with their bytes once encoded (null until then): a pool
// running dry gives thousands of cards the same status change at one instant, and their payload was
// most of the cost of writing each event.
const reusable = new WeakMap<object, Uint8Array | null>();

/**
 * Freezes a payload object and marks it for reuse: events may carry it again and again, and its bytes
 * are encoded once. Only for a payload whose fields are plain values (no arrays or objects), which
 * freezing then makes immutable as a whole.
 */
export function reusablePayload<Payload extends { readonly [key: string]: string | number | boolean | null }>(
  payload: Payload,
): Readonly<Payload> {
  Object.freeze(payload);
  if (!reusable.has(payload)) reusable.set(payload, null);
  return payload;
}

export class EventBytes {
  private buf = new Uint8Array(4096);
  private at = 0;

  /** The event's line, without a newline: valid until the next call. */
  encode(event: SimEvent): Uint8Array {
    this.at = 0;
    this.bytes(PAYLOAD);
    this.payload(event);
    this.bytes(SEQ);
    this.number(event.seq);
    this.bytes(SUBJECT);
    this.string(event.subject);
    this.bytes(T);
    this.number(event.t);
    this.bytes(TYPE);
    this.string(event.type);
    this.byte(0x7d);
    return this.buf.subarray(0, this.at);
  }

  private payload(event: SimEvent): void {
    const payload = event.payload;
    const known = typeof payload === 'object' && payload !== null ? reusable.get(payload) : undefined;
    if (known) return this.bytes(known);
    const from = this.at;
    this.value(payload, event);
    if (known === null) reusable.set(payload as object, this.buf.slice(from, this.at));
  }

  private value(value: CanonicalValue | undefined, event: SimEvent): void {
    if (value === null) return this.ascii('null');
    switch (typeof value) {
      case 'string':
        return this.string(value);
      case 'boolean':
        return this.ascii(value ? 'true' : 'false');
      case 'number':
        if (!Number.isFinite(value)) break;
        return this.number(value);
      case 'object': {
        if (Array.isArray(value)) {
          const items = value as readonly CanonicalValue[];
          this.byte(0x5b);
          for (let i = 0; i < items.length; i++) {
            if (i) this.byte(0x2c);
            this.value(items[i], event);
          }
          return this.byte(0x5d);
        }
        const record = value as { readonly [key: string]: CanonicalValue | undefined };
        this.byte(0x7b);
        let first = true;
        for (const key of sortedKeys(record)) {
          const item = record[key];
          if (item === undefined) continue;
          if (!first) this.byte(0x2c);
          this.key(key);
          this.value(item, event);
          first = false;
        }
        return this.byte(0x7d);
      }
    }
    // Not canonical: the string form says what and where.
    canonicalJson(event.payload);
    throw new Error(`event ${event.type}: a value canonicalJson accepts and this encoder does not`);
  }

  /** `"key":` */
  private key(key: string): void {
    let bytes = keyBytes.get(key);
    if (bytes === undefined) {
      bytes = new TextEncoder().encode(`${JSON.stringify(key)}:`);
      if (keyBytes.size < 10_000) keyBytes.set(key, bytes);
    }
    this.bytes(bytes);
  }

  /** A finite number as String() prints it (-0 as 0); whole numbers digit by digit, without a string. */
  private number(value: number): void {
    if (!Number.isSafeInteger(value)) return this.ascii(String(value));
    this.room(17);
    let n = value;
    if (n < 0) {
      this.buf[this.at++] = 0x2d;
      n = -n;
    }
    // Below 10^8 the digits come from 32-bit integer arithmetic, which V8 compiles to multiplications;
    // dividing a double by 10 for each digit of a 13-digit sim time was a tenth of an event's bytes.
    if (n < 1e8) return this.smallDigits(n, 0);
    const high = Math.floor(n / 1e8);
    this.smallDigits(high, 0);
    this.smallDigits(n - high * 1e8, 8);
  }

  /** The digits of 0 <= n < 10^8, at least `width` of them (zeros in front). */
  private smallDigits(n: number, width: number): void {
    let digits = 1;
    for (let rest = n; rest >= 10; rest = (rest / 10) | 0) digits++;
    if (digits < width) digits = width;
    const buf = this.buf;
    let at = (this.at += digits);
    const end = at - digits;
    let rest = n | 0;
    do {
      const tenth = (rest / 10) | 0;
      buf[--at] = 0x30 + (rest - tenth * 10);
      rest = tenth;
    } while (at > end);
  }

  /** Runs of bytes: a loop for short ones (cheaper than TypedArray.set for them), set() beyond. */
  private bytes(bytes: Uint8Array): void {
    this.room(bytes.length);
    const buf = this.buf;
    if (bytes.length > 32) {
      buf.set(bytes, this.at);
      this.at += bytes.length;
      return;
    }
    let at = this.at;
    for (let i = 0; i < bytes.length; i++) buf[at++] = bytes[i]!;
    this.at = at;
  }

  /** As JSON.stringify writes it (short escapes, \u00xx, lone surrogates escaped), in UTF-8. */
  private string(text: string): void {
    this.room(text.length * 6 + 2);
    const buf = this.buf;
    let at = this.at;
    buf[at++] = QUOTE;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x20 && c <= 0x7f) {
        if (c === QUOTE || c === BACKSLASH) buf[at++] = BACKSLASH;
        buf[at++] = c;
      } else if (c < 0x20) {
        buf[at++] = BACKSLASH;
        const short =
          c === 8 ? 0x62 : c === 9 ? 0x74 : c === 10 ? 0x6e : c === 12 ? 0x66 : c === 13 ? 0x72 : 0;
        if (short) buf[at++] = short;
        else at = escapeUnit(buf, at, c);
      } else if (c < 0x800) {
        buf[at++] = 0xc0 | (c >> 6);
        buf[at++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const point = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          buf[at++] = 0xf0 | (point >> 18);
          buf[at++] = 0x80 | ((point >> 12) & 0x3f);
          buf[at++] = 0x80 | ((point >> 6) & 0x3f);
          buf[at++] = 0x80 | (point & 0x3f);
          i++;
        } else {
          buf[at++] = BACKSLASH;
          at = escapeUnit(buf, at, c);
        }
      } else {
        buf[at++] = 0xe0 | (c >> 12);
        buf[at++] = 0x80 | ((c >> 6) & 0x3f);
        buf[at++] = 0x80 | (c & 0x3f);
      }
    }
    buf[at++] = QUOTE;
    this.at = at;
  }

  /** Text known to be ASCII (JSON punctuation, numbers). */
  private ascii(text: string): void {
    this.room(text.length);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < text.length; i++) buf[at++] = text.charCodeAt(i);
    this.at = at;
  }

  private byte(b: number): void {
    this.room(1);
    this.buf[this.at++] = b;
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.at + bytes));
    bigger.set(this.buf.subarray(0, this.at));
    this.buf = bigger;
  }
}

/** `uXXXX` (lowercase, as JSON.stringify) after a backslash already written. */
function escapeUnit(buf: Uint8Array, at: number, c: number): number {
  buf[at++] = 0x75;
  for (let shift = 12; shift >= 0; shift -= 4) buf[at++] = HEX.charCodeAt((c >> shift) & 0xf);
  return at;
}
