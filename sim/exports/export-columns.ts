// The columns of an exported file (C8): the card list's columns (the same CardRow the console's list
// shows), then the usage of each chosen month, then, when daily usage is asked for, one column per day
// of those months. Months and days run oldest first.
//
// Decisions on how values are written:
// - Amounts in MB with two decimals (`12.50`), as the console writes them; an empty cell where the
//   world keeps no figure (a day not yet come, before the card was ordered, past the kept history).
// - Times as the platform API writes them, `yyyy-MM-dd HH:mm:ss` Beijing. The expiry time is the last
//   second of service (`2026-04-30 23:59:59`, the API's ExpireTime), one second before serviceEndsAt.
// - Tags joined by commas (a tag cannot hold one, sim/ops/tags.ts); yes/no for flags.
import type { Card } from '../cards/card.ts';
import { MB } from '../plans/data-size.ts';
import { cardRow, type CardRow } from '../queries/cardRow.ts';
import { apiTime } from '../queries/units.ts';
import { dayText, daysOfMonth, monthText, type UsageReader } from '../queries/usage.ts';
import type { World } from '../world.ts';
import { csvText, type CsvValue } from './csv.ts';

export const CARD_COLUMNS = [
  'ICCID',
  'MSISDN',
  'Plan voucher',
  'Carrier',
  'SIM card status',
  'Status code',
  'Specific status',
  'Specific status code',
  'Cumulative traffic in cycle (MB)',
  'Tags',
  'Remarks',
  'Activation type',
  'Activation time',
  'Expiry time',
  'Automatic renewal',
  'Pending cancellation',
  'Pool',
] as const;

/** What the chosen traffic range turns into: month indexes and, when daily, their day indexes. */
export interface ExportLayout {
  readonly months: readonly number[];
  readonly days: readonly number[];
}

export function exportLayout(currentMonth: number, monthCount: number, daily: boolean): ExportLayout {
  const months = Array.from({ length: monthCount }, (_, i) => currentMonth - monthCount + 1 + i);
  return { months, days: daily ? months.flatMap(daysOfMonth) : [] };
}

export function headerOf(layout: ExportLayout): string[] {
  return [
    ...CARD_COLUMNS,
    ...layout.months.map((m) => `Usage ${monthText(m)} (MB)`),
    ...layout.days.map((d) => `${dayText(d)} (MB)`),
  ];
}

/** Bytes as a cell: MB with two decimals, or empty when there is no figure. */
export function mbCell(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  return bytes === 0 ? '0.00' : (bytes / MB).toFixed(2);
}

const yesNo = (flag: boolean): string => (flag ? 'yes' : 'no');

/** The card list's columns of a row, as cells. */
export function rowCells(row: CardRow): CsvValue[] {
  return [
    row.iccid,
    row.msisdn,
    row.voucher,
    row.carrier,
    row.status,
    row.statusCode,
    row.specificStatus,
    row.osStatus,
    mbCell(row.cycleUsageBytes),
    csvText(row.tags.join(',')),
    csvText(row.remark),
    row.activationType,
    row.activatedAt === null ? null : apiTime(row.activatedAt),
    row.expiresAt === null ? null : apiTime(row.expiresAt - 1000),
    yesNo(row.autoRenew),
    yesNo(row.pendingCancellation),
    row.pool,
  ];
}

/** Every cell of one card's record. */
export function cardCells(world: World, card: Card, layout: ExportLayout, usage: UsageReader): CsvValue[] {
  const cells = rowCells(cardRow(world, card));
  for (const month of layout.months) cells.push(mbCell(usage.month(card, month)?.carried));
  for (const day of layout.days) cells.push(mbCell(usage.dayCarried(card, day)));
  return cells;
}
