import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalError } from './canonical.ts';
import { eventLine } from './event.ts';
import { EventLog } from './event-log.ts';
import { RunHash } from './run-hash.ts';
import { Randomness } from '../random.ts';

describe('canonical serialisation', () => {
  it('sorts keys at every depth and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('orders keys as Array.prototype.sort does, few or many, whatever their characters', () => {
    const pick = new Randomness(7).stream('keys');
    const alphabet = ['a', 'B', 'z', '_', '1', 'é', 'Z', '😀', 'aa', ''];
    for (let n = 0; n < 200; n++) {
      const record: Record<string, number> = {};
      for (let k = pick.int(0, 30); k > 0; k--) record[pick.pick(alphabet) + pick.pick(alphabet)] = k;
      const expected = `{${Object.keys(record)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${record[key]}`)
        .join(',')}}`;
      expect(canonicalJson(record)).toBe(expected);
    }
  });

  it('writes -0 as 0 and refuses NaN and Infinity, naming the path', () => {
    expect(canonicalJson({ n: -0 })).toBe('{"n":0}');
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow(
      new CanonicalError('$.a[1]: NaN cannot be serialised canonically'),
    );
    expect(() => canonicalJson({ x: Infinity })).toThrow(/\$\.x: Infinity/);
  });

  it('the hand-written event line equals the canonical form of the event', () => {
    const event = {
      t: 1767225600000,
      seq: 7,
      type: 'statusChanged',
      subject: '89860012345678901234',
      payload: { to: 'In use', from: 'Silent period', cause: 'manage' },
    };
    expect(eventLine(event)).toBe(canonicalJson(event));
  });
});

describe('run hash', () => {
  const lines = (n: number, tag = '') => Array.from({ length: n }, (_, i) => `{"i":${i}${tag}}`);

  it('the same lines give the same hash; one changed line gives another', () => {
    const a = new RunHash();
    const b = new RunHash();
    const c = new RunHash();
    for (const line of lines(3000)) {
      a.update(line);
      b.update(line);
      c.update(line === '{"i":2500}' ? '{"i":-1}' : line);
    }
    expect(a.hex()).toBe(b.hex());
    expect(a.hex()).not.toBe(c.hex());
    expect(a.hex()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is SHA-256 over chunks of 1,024 lines chained by digest, however the lines are fed in', () => {
    // The definition, line by line, as the hash was first written.
    let chain = 'cardtwin-run-hash-v1';
    let reference = createHash('sha256').update(chain);
    lines(2500).forEach((line, i) => {
      reference.update(line).update('\n');
      if ((i + 1) % 1024 === 0) {
        chain = reference.digest('hex');
        reference = createHash('sha256').update(chain);
      }
    });
    const hash = new RunHash();
    lines(2500).forEach((line, i) => {
      hash.update(line);
      if (i % 333 === 0) hash.hex();
    });
    expect(hash.hex()).toBe(reference.digest('hex'));
  });

  it('hashes and saves lines of any characters as their UTF-8 bytes', () => {
    const text = (i: number) => `{"name":"carte ${i} é 中 😀 ${'x'.repeat(i % 50)}"}`;
    const reference = createHash('sha256').update('cardtwin-run-hash-v1');
    const hash = new RunHash();
    for (let i = 0; i < 700; i++) {
      reference.update(text(i)).update('\n');
      hash.update(text(i));
    }
    const saved = JSON.parse(JSON.stringify(hash.save()));
    expect(saved.pending).toEqual(Array.from({ length: 700 }, (_, i) => text(i)));
    expect(RunHash.restore(saved).hex()).toBe(reference.copy().digest('hex'));
    expect(hash.hex()).toBe(reference.digest('hex'));
  });

  it('hex() does not disturb the running hash', () => {
    const a = new RunHash();
    const b = new RunHash();
    for (const line of lines(1500)) {
      a.update(line);
      a.hex();
      b.update(line);
    }
    expect(a.hex()).toBe(b.hex());
  });

  it('a saved and restored hash goes on exactly as the uninterrupted one, wherever it was saved', () => {
    for (const cut of [0, 1, 1023, 1024, 1025, 2500]) {
      const whole = new RunHash();
      const first = new RunHash();
      const all = lines(3000);
      all.forEach((line, i) => {
        whole.update(line);
        if (i < cut) first.update(line);
      });
      const resumed = RunHash.restore(JSON.parse(JSON.stringify(first.save())));
      all.slice(cut).forEach((line) => resumed.update(line));
      expect(resumed.hex(), `cut at ${cut}`).toBe(whole.hex());
      expect(resumed.count).toBe(3000);
    }
  });
});

describe('event log', () => {
  it('numbers events, publishes them, and hashes them', () => {
    const log = new EventLog();
    const seen: number[] = [];
    log.events$.subscribe((e) => seen.push(e.seq));
    log.append(0, 'a', 'x', { n: 1 });
    log.append(5, 'b', 'y', {});
    expect(seen).toEqual([1, 2]);
    expect(log.count).toBe(2);
    const again = new EventLog();
    again.append(0, 'a', 'x', { n: 1 });
    again.append(5, 'b', 'y', {});
    expect(again.hashHex()).toBe(log.hashHex());
  });

  it('restores numbering and hash from a saved state', () => {
    const log = new EventLog();
    for (let i = 0; i < 2000; i++) log.append(i, 'tick', 'clock', { i });
    const saved = log.save();
    for (let i = 2000; i < 2100; i++) log.append(i, 'tick', 'clock', { i });
    const other = new EventLog();
    other.restore(saved);
    for (let i = 2000; i < 2100; i++) other.append(i, 'tick', 'clock', { i });
    expect(other.hashHex()).toBe(log.hashHex());
    expect(other.count).toBe(2100);
  });
});
