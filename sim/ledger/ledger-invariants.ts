// Invariants of the ledger's storage (STYLE.md: checkers live beside the core). They recompute from the
// columns everything the ledger keeps incrementally and compare exactly: amounts are integers of fen, so
// "equal" means equal, not "close". One pass over the lines; at most MAX_PROBLEMS sentences.
import { LEDGER_REASONS, REASON_COUNT, type LedgerColumns } from './ledger-columns.ts';
import { formatServiceMonth } from './service-month.ts';

const MAX_PROBLEMS = 20;

export function ledgerProblems(c: LedgerColumns): string[] {
  const problems: string[] = [];
  const report = (problem: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  let total = 0;
  const fenByReason = new Float64Array(REASON_COUNT);
  const monthFen = new Map<number, number>();
  let previousTime = -Infinity;
  for (let i = 0; i < c.size; i++) {
    const fen = c.amountFen.get(i);
    const time = c.time.get(i);
    const reason = c.reason.get(i);
    if (!Number.isSafeInteger(fen) || fen < 0)
      report(`line ${i + 1}: amount ${fen} is not whole, non-negative fen`);
    if (time < previousTime)
      report(`line ${i + 1}: time ${time} is before the previous line's ${previousTime}`);
    if (c.card.get(i) === -1 && c.pool.get(i) === -1)
      report(`line ${i + 1}: names neither a card nor a pool`);
    if (reason >= REASON_COUNT) report(`line ${i + 1}: unknown reason number ${reason}`);
    previousTime = time;
    total += fen;
    fenByReason[reason] = (fenByReason[reason] ?? 0) + fen;
    monthFen.set(c.month.get(i), (monthFen.get(c.month.get(i)) ?? 0) + fen);
  }
  if (!Number.isSafeInteger(total)) report(`the sum of the lines (${total}) is beyond exact integers`);
  if (total !== c.totalFen) report(`totalFen ${c.totalFen} is not the sum of the lines, ${total}`);
  LEDGER_REASONS.forEach((name, r) => {
    if (fenByReason[r] !== c.fenByReason[r]) {
      report(`the ${name} total ${c.fenByReason[r]} is not the sum of its lines, ${fenByReason[r]}`);
    }
  });
  for (const [month, entry] of c.months) {
    const kept = entry.fenByReason.reduce((a, b) => a + b, 0);
    if (kept !== (monthFen.get(month) ?? 0)) {
      report(
        `${formatServiceMonth(month)}: the month total ${kept} is not the sum of its lines, ${monthFen.get(month)}`,
      );
    }
    let linked = 0;
    for (let i = entry.head; i !== -1 && linked <= c.size; i = c.nextOfMonth.get(i)) {
      if (c.month.get(i) !== month)
        report(`${formatServiceMonth(month)}: its list holds line ${i + 1} of another month`);
      linked++;
    }
    const counted = entry.countByReason.reduce((a, b) => a + b, 0);
    if (linked !== counted)
      report(`${formatServiceMonth(month)}: ${linked} lines linked, ${counted} counted`);
  }
  if (monthFen.size !== c.months.size)
    report(`${monthFen.size} service months in the lines, ${c.months.size} indexed`);
  // The walks stop after c.size steps so that a corrupted list with a cycle is reported, not looped on.
  let cardLines = 0;
  for (let card = 0; card < c.cards.size; card++) {
    for (let i = c.cardHead.get(card); i !== -1 && cardLines <= c.size; i = c.nextOfCard.get(i)) {
      if (c.card.get(i) !== card)
        report(`card ${c.cards.text(card)}: its list holds line ${i + 1} of another card`);
      cardLines++;
    }
  }
  let linesWithCard = 0;
  for (let i = 0; i < c.size; i++) if (c.card.get(i) !== -1) linesWithCard++;
  if (cardLines !== linesWithCard)
    report(`${cardLines} lines in the card lists, ${linesWithCard} lines name a card`);
  return problems;
}
