// Small shared pieces of the read side: MB as the console shows it, and paging checked once for
// every list (cards, vouchers' cards, ledger lines) so that every route refuses bad paging alike.
import { TwinError } from '../errors.ts';
import { MB } from '../plans/data-size.ts';
import { formatDate, toCalendar, type SimTime } from '../time/calendar.ts';

/** Bytes as MB with two decimals, as the console writes amounts (`130.00MB`); for display only. */
export function displayMB(bytes: number): number {
  return Math.round((bytes / MB) * 100) / 100;
}

/** Exact MB (a fraction where it falls): what filters and comparisons use, never rounded. */
export function exactMB(bytes: number): number {
  return bytes / MB;
}

/** `yyyy-MM-dd HH:mm:ss` in Beijing time, the platform API's time format. */
export function apiTime(t: SimTime): string {
  const c = toCalendar(t);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${formatDate(t)} ${two(c.hour)}:${two(c.minute)}:${two(c.second)}`;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;

export interface PageRequest {
  /** From 1; default 1. */
  readonly page?: number;
  /** 1 to 1000; default 20. */
  readonly pageSize?: number;
}

export interface Paging {
  readonly page: number;
  readonly pageSize: number;
  /** Index of the first item of the page among all matches. */
  readonly skip: number;
}

/** One page of a list; `total` counts every match, so a page past the end is empty, not an error. */
export interface Page<Item> {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly items: Item[];
}

/** Checks paging (InvalidArgument naming the field and the value) and fills the defaults. */
export function paging(request: PageRequest = {}): Paging {
  const page = request.page ?? 1;
  const pageSize = request.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(page) || page < 1) {
    throw new TwinError('InvalidArgument', `page must be a whole number from 1, got ${String(page)}`);
  }
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new TwinError(
      'InvalidArgument',
      `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${String(pageSize)}`,
    );
  }
  return { page, pageSize, skip: (page - 1) * pageSize };
}
