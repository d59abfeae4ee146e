// For tests: what an exported row should hold, computed from the query side alone (the card list and
// the card's usage series), so an export is checked against what the console's other pages show.
import { findCardOrThrow } from '../queries/cardDetails.ts';
import { listCards } from '../queries/cardList.ts';
import { cardUsage, dayText, monthText } from '../queries/usage.ts';
import { monthStartFromIndex } from '../time/calendar.ts';
import type { World } from '../world.ts';
import { mbCell, rowCells, type ExportLayout } from './export-columns.ts';

/** The cells (as text) the export should have written for the card with this ICCID. */
export function expectedRow(world: World, iccid: string, layout: ExportLayout): string[] {
  const card = findCardOrThrow(world, iccid);
  const row = listCards(world, { filter: { iccids: [iccid] } }).items[0];
  if (!row) throw new Error(`the card list has no card ${iccid}`);
  // Through now included: the export shows today's traffic so far.
  const usage = cardUsage(world, card, { from: monthStartFromIndex(layout.months[0]!), to: world.now() + 1 });
  const months = new Map(usage.monthly.map((m) => [m.month, m.carriedBytes]));
  const days = new Map(usage.daily.map((d) => [d.day, d.carriedBytes]));
  return [
    ...rowCells(row).map((value) => (value === null || value === undefined ? '' : String(value))),
    ...layout.months.map((m) => mbCell(months.get(monthText(m)))),
    ...layout.days.map((d) => mbCell(days.get(dayText(d)))),
  ];
}
