// The parameters of an RPC request as linkcard-api.md section 1 describes them: from the query string
// and from a form body (application/x-www-form-urlencoded), merged; scalars as plain text (booleans
// `true`/`false`, integers in decimal, doubles like `0.2`); lists either as one JSON array in a string
// (`OptMsisdns=["…","…"]`) or repeated with 1-based numbers (`DateList.1=…&DateList.2=…`), as each
// operation's parameter table says. A value of the wrong shape is IllegalParameter naming it.
import { illegal, RpcError } from './error-codes.ts';

/** Query first, then the body (a key in both: the body's value). */
export function mergeParams(url: string, body: unknown): Record<string, string> {
  const params: Record<string, string> = {};
  const query = url.indexOf('?');
  if (query >= 0) for (const [key, value] of new URLSearchParams(url.slice(query + 1))) params[key] = value;
  if (typeof body === 'string' && body !== '')
    for (const [key, value] of new URLSearchParams(body)) params[key] = value;
  return params;
}

export class RpcParams {
  constructor(readonly all: Readonly<Record<string, string>>) {}

  has(name: string): boolean {
    return this.all[name] !== undefined && this.all[name] !== '';
  }

  /** A text parameter; an empty value counts as absent. */
  string(name: string): string | undefined {
    const value = this.all[name];
    return value === undefined || value === '' ? undefined : value;
  }

  required(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw illegal(name, 'it is required');
    return value;
  }

  /** The card's ICCID: `linkcard.check.IccidCanNotEmpty` when absent. */
  iccid(name = 'Iccid'): string {
    const value = this.string(name)?.trim();
    if (!value) throw new RpcError('linkcard.check.IccidCanNotEmpty');
    return value;
  }

  integer(name: string, bounds: { min?: number; max?: number } = {}): number | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    if (!/^-?\d+$/.test(text)) throw illegal(name, `${JSON.stringify(text)} is not a whole number`);
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw illegal(name, `${text} is too large`);
    if (bounds.min !== undefined && value < bounds.min)
      throw illegal(name, `it must be at least ${bounds.min}`);
    if (bounds.max !== undefined && value > bounds.max)
      throw illegal(name, `it must be at most ${bounds.max}`);
    return value;
  }

  requiredInteger(name: string, bounds: { min?: number; max?: number } = {}): number {
    const value = this.integer(name, bounds);
    if (value === undefined) throw illegal(name, 'it is required');
    return value;
  }

  boolean(name: string): boolean | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    if (text === 'true') return true;
    if (text === 'false') return false;
    throw illegal(name, `expected true or false, not ${JSON.stringify(text)}`);
  }

  number(name: string): number | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value))
      throw illegal(name, `${JSON.stringify(text)} is not a number`);
    return value;
  }

  /** One of the values the reference allows. */
  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    if (!(values as readonly string[]).includes(text))
      throw illegal(name, `expected ${values.join(', ')}, not ${JSON.stringify(text)}`);
    return text as T;
  }

  /** The JSON-in-a-string style (`OptMsisdns=["a","b"]`); absent or `[]` is undefined. */
  jsonList(name: string, max = Infinity): string[] | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw illegal(name, `expected a JSON array of strings such as ["a","b"], not ${JSON.stringify(text)}`);
    }
    if (!Array.isArray(parsed) || parsed.some((item) => typeof item !== 'string' && typeof item !== 'number'))
      throw illegal(name, 'expected a JSON array of strings such as ["a","b"]');
    const list = parsed.map((item: string | number) => String(item).trim());
    if (list.some((item) => item === '')) throw illegal(name, 'an item is empty');
    if (list.length > max) throw illegal(name, `at most ${max} items`);
    return list.length === 0 ? undefined : list;
  }

  /** The repeat-list style (`DateList.1=a&DateList.2=b`), in number order; numbers must run from 1. */
  repeatList(name: string, max = Infinity): string[] | undefined {
    const items: [number, string][] = [];
    for (const [key, value] of Object.entries(this.all)) {
      if (!key.startsWith(`${name}.`)) continue;
      const index = key.slice(name.length + 1);
      if (!/^[1-9]\d*$/.test(index)) throw illegal(key, `expected ${name}.1, ${name}.2, …`);
      items.push([Number(index), value]);
    }
    if (this.has(name))
      throw illegal(name, `send it as a numbered list (${name}.1=…&${name}.2=…), not as one value`);
    if (items.length === 0) return undefined;
    items.sort((a, b) => a[0] - b[0]);
    if (items.some(([index], i) => index !== i + 1))
      throw illegal(name, `numbers must run ${name}.1, ${name}.2, … without gaps`);
    if (items.length > max) throw illegal(name, `at most ${max} items`);
    return items.map(([, value]) => value);
  }

  /** PageNo and PageSize with the page sizes the reference documents (10, 15, 25, 40) unless widened. */
  paging(sizes: 'documented' | { min: number; max: number } = 'documented'): {
    pageNo: number;
    pageSize: number;
  } {
    const pageNo = this.requiredInteger('PageNo', { min: 1 });
    const pageSize = this.requiredInteger('PageSize');
    if (sizes === 'documented') {
      if (![10, 15, 25, 40].includes(pageSize))
        throw illegal('PageSize', `expected 10, 15, 25 or 40, not ${pageSize}`);
    } else if (pageSize < sizes.min || pageSize > sizes.max) {
      throw illegal('PageSize', `expected ${sizes.min} to ${sizes.max}, not ${pageSize}`);
    }
    return { pageNo, pageSize };
  }
}

/** The reference's paged answer: `{ List, PageNo, PageSize, PageCount, Total }`. */
export function page<T>(items: readonly T[], total: number, pageNo: number, pageSize: number) {
  return {
    List: items,
    PageNo: pageNo,
    PageSize: pageSize,
    PageCount: Math.ceil(total / pageSize),
    Total: total,
  };
}

/** A page cut from a whole list. */
export function pageOfList<T>(all: readonly T[], pageNo: number, pageSize: number) {
  const start = (pageNo - 1) * pageSize;
  return page(all.slice(start, start + pageSize), all.length, pageNo, pageSize);
}
