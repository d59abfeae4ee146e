// Canonical serialisation of events: the bytes the run hash is taken over.
// Same value => same bytes, on every machine: keys sorted, no undefined, no NaN or Infinity
// (they would print as null and hide a bug), -0 written as 0.

export type CanonicalValue =
  | string
  | number
  | boolean
  | null
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue | undefined };

export class CanonicalError extends Error {
  override name = 'CanonicalError';
}

export function canonicalJson(value: CanonicalValue | undefined): string {
  return write(value, '$');
}

function write(value: CanonicalValue | undefined, path: string): string {
  if (typeof value === 'object' && value !== null) {
    if (Array.isArray(value)) {
      const items = value as readonly CanonicalValue[];
      let out = '[';
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        out +=
          (i ? ',' : '') +
          (typeof item === 'object' && item !== null ? write(item, `${path}[${i}]`) : scalar(item, path, i));
      }
      return out + ']';
    }
    const record = value as { readonly [key: string]: CanonicalValue | undefined };
    const keys = sortedKeys(record);
    let out = '{';
    let first = true;
    for (const key of keys) {
      const item = record[key];
      if (item === undefined) continue; // an absent optional field and a missing one are the same event
      out +=
        (first ? '' : ',') +
        quotedKey(key) +
        ':' +
        (typeof item === 'object' && item !== null ? write(item, `${path}.${key}`) : scalar(item, path, key));
      first = false;
    }
    return out + '}';
  }
  return scalar(value, path, undefined);
}

/**
 * A value that is not an object or array. Its path (for the error message) is only put together if
 * there is an error: building it for every field of every event was most of this file's garbage.
 */
function scalar(value: CanonicalValue | undefined, parent: string, key: string | number | undefined): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value))
        throw new CanonicalError(`${pathOf(parent, key)}: ${value} cannot be serialised canonically`);
      // ECMAScript prints a finite double the same way everywhere (shortest round-trip form).
      return Object.is(value, -0) ? '0' : String(value);
    case 'undefined':
      throw new CanonicalError(`${pathOf(parent, key)}: undefined cannot be serialised canonically`);
    default:
      throw new CanonicalError(`${pathOf(parent, key)}: a ${typeof value} cannot be serialised canonically`);
  }
}

function pathOf(parent: string, key: string | number | undefined): string {
  if (key === undefined) return parent;
  return typeof key === 'number' ? `${parent}[${key}]` : `${parent}.${key}`;
}

// Keys repeat from event to event: each is quoted once. The cache is bounded, in case some payload
// ever uses data as keys.
const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

// Every event's payload goes through here: a handful of keys, sorted in place by insertion rather than
// by Array.prototype.sort, which allocated a work array per object (a sixth of a run's garbage).
// Strings compare by UTF-16 code units either way, so the order is the same.
export function sortedKeys(record: object): string[] {
  const keys = Object.keys(record);
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}
