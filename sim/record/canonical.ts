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
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value))
        throw new CanonicalError(`${path}: ${value} cannot be serialised canonically`);
      // ECMAScript prints a finite double the same way everywhere (shortest round-trip form).
      return Object.is(value, -0) ? '0' : String(value);
    case 'undefined':
      throw new CanonicalError(`${path}: undefined cannot be serialised canonically`);
    case 'object': {
      if (Array.isArray(value)) {
        const items = value as readonly CanonicalValue[];
        let out = '[';
        for (let i = 0; i < items.length; i++) out += (i ? ',' : '') + write(items[i], `${path}[${i}]`);
        return out + ']';
      }
      const record = value as { readonly [key: string]: CanonicalValue | undefined };
      const keys = sortedKeys(record);
      let out = '{';
      let first = true;
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue; // an absent optional field and a missing one are the same event
        out += (first ? '' : ',') + JSON.stringify(key) + ':' + write(item, `${path}.${key}`);
        first = false;
      }
      return out + '}';
    }
    default:
      throw new CanonicalError(`${path}: a ${typeof value} cannot be serialised canonically`);
  }
}

// Every event's payload goes through here: a handful of keys, sorted in place by insertion rather than
// by Array.prototype.sort, which allocated a work array per object (a sixth of a run's garbage).
// Strings compare by UTF-16 code units either way, so the order is the same.
function sortedKeys(record: object): string[] {
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
