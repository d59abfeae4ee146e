// Query strings of the console REST API into the twin's own filters (C2), with clear errors.
import { TwinError } from '../../sim/errors.ts';
import { isCarrier } from '../../sim/ids/carrier.ts';
import { parseStatusName } from '../../sim/machines/status.ts';
import { isPlanType } from '../../sim/plans/plan-type.ts';
import { tryParseVoucher } from '../../sim/plans/voucher.ts';
import type { CardFilter } from '../../sim/scenario/types-operations.ts';
import { CalendarError, parseDateTime } from '../../sim/time/calendar.ts';

export type Query = Record<string, string | undefined>;

/** The query string fields of a card filter, for route schemas and the OpenAPI document. */
export const CARD_FILTER_FIELDS = {
  iccid: 'ICCID, or several separated by commas (sub-cards count)',
  msisdn: 'MSISDN (sub-cards count)',
  imsi: 'IMSI (sub-cards count)',
  voucher: 'plan voucher, either spelling',
  carrier: 'CM, CU, CT or AL',
  planType: 'SC, SCD, SF, SFD, UP or UPG',
  status: 'SIM card status: name or code (Suspended, 35)',
  specificStatus: 'specific status: name or code (Suspended (device change), 500)',
  tag: 'a tag',
  pool: 'pool ID (UP/UPG) or a same-tier voucher',
  activatedFrom: 'activated at or after (Beijing date or date-time)',
  activatedTo: 'activated before',
  expiresFrom: 'plan ends at or after',
  expiresTo: 'plan ends before',
  usageMinMB: 'console cycle usage at least (MB, P4)',
  usageMaxMB: 'console cycle usage at most (MB)',
  remainingAtMost: 'remaining data at most this share: 0.1, 0.2 or 0.3',
  idVerified: 'true or false',
  autoRenew: 'true or false',
} as const;

export function pageOf(query: Query): { page?: number; pageSize?: number } {
  return {
    ...(query.page !== undefined ? { page: numberOf('page', query.page) } : {}),
    ...(query.pageSize !== undefined ? { pageSize: numberOf('pageSize', query.pageSize) } : {}),
  };
}

export function numberOf(name: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n))
    throw new TwinError('InvalidArgument', `${name} must be a number, not ${JSON.stringify(text)}`);
  return n;
}

export function timeOf(name: string, text: string): number {
  try {
    return parseDateTime(text);
  } catch (error) {
    if (error instanceof CalendarError) throw new TwinError('InvalidArgument', `${name}: ${error.message}`);
    throw error;
  }
}

/** `from` and `to` of a query string as a [from, to) range of sim times; either may be absent. */
export function timeRangeOf(query: Query): { from?: number; to?: number } {
  return {
    ...(query.from ? { from: timeOf('from', query.from) } : {}),
    ...(query.to ? { to: timeOf('to', query.to) } : {}),
  };
}

function booleanOf(name: string, text: string): boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new TwinError('InvalidArgument', `${name} must be true or false, not ${JSON.stringify(text)}`);
}

export function cardFilterOf(query: Query): CardFilter {
  const filter: Record<string, unknown> = {};
  const q = (key: keyof typeof CARD_FILTER_FIELDS) => query[key];
  if (q('iccid'))
    filter.iccids = q('iccid')!
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (q('msisdn')) filter.msisdn = q('msisdn');
  if (q('imsi')) filter.imsi = q('imsi');
  if (q('voucher')) {
    const parsed = tryParseVoucher(q('voucher')!);
    if (!parsed.ok) throw new TwinError('InvalidArgument', `voucher: ${parsed.message}`);
    filter.voucher = parsed.voucher;
  }
  if (q('carrier')) {
    if (!isCarrier(q('carrier')))
      throw new TwinError(
        'InvalidArgument',
        `carrier must be CM, CU, CT or AL, not ${JSON.stringify(q('carrier'))}`,
      );
    filter.carrier = q('carrier');
  }
  if (q('planType')) {
    if (!isPlanType(q('planType')))
      throw new TwinError('InvalidArgument', `planType must be SC, SCD, SF, SFD, UP or UPG`);
    filter.planType = q('planType');
  }
  if (q('status')) {
    const status = parseStatusName(q('status')!);
    if (status?.level !== 'status')
      throw new TwinError('InvalidArgument', `status: no SIM card status ${JSON.stringify(q('status'))}`);
    filter.status = status.status;
  }
  if (q('specificStatus')) {
    const status = parseStatusName(q('specificStatus')!);
    const specific =
      status?.level === 'specific'
        ? status.specific
        : status?.level === 'status' && ['In use', 'Deactivated', 'Canceled'].includes(status.status)
          ? status.status
          : undefined;
    if (!specific)
      throw new TwinError(
        'InvalidArgument',
        `specificStatus: no specific status ${JSON.stringify(q('specificStatus'))}`,
      );
    filter.specificStatus = specific;
  }
  if (q('tag')) filter.tag = q('tag');
  if (q('pool')) filter.pool = q('pool');
  const range = (from?: string, to?: string, name = '') =>
    from || to
      ? {
          ...(from ? { from: timeOf(`${name}From`, from) } : {}),
          ...(to ? { to: timeOf(`${name}To`, to) } : {}),
        }
      : undefined;
  const activated = range(q('activatedFrom'), q('activatedTo'), 'activated');
  if (activated) filter.activated = activated;
  const expires = range(q('expiresFrom'), q('expiresTo'), 'expires');
  if (expires) filter.expires = expires;
  if (q('usageMinMB') || q('usageMaxMB')) {
    filter.usageMB = {
      ...(q('usageMinMB') ? { min: numberOf('usageMinMB', q('usageMinMB')!) } : {}),
      ...(q('usageMaxMB') ? { max: numberOf('usageMaxMB', q('usageMaxMB')!) } : {}),
    };
  }
  if (q('remainingAtMost')) filter.remainingShareAtMost = numberOf('remainingAtMost', q('remainingAtMost')!);
  if (q('idVerified')) filter.idVerified = booleanOf('idVerified', q('idVerified')!);
  if (q('autoRenew')) filter.autoRenew = booleanOf('autoRenew', q('autoRenew')!);
  return filter as CardFilter;
}
