// Checking a step's expectations against the world (SCENARIOS.md, Expectations).
import { primarySnapshot, type Card } from '../cards/card.ts';
import type { SimEvent } from '../record/event.ts';
import { formatServiceMonth } from '../ledger/service-month.ts';
import type { World } from '../world.ts';
import { compare, describeComparison, formatNumber } from './compare.ts';
import { describeSelector, matchesStatus, selectCards } from './select.ts';
import type {
  CardsExpectation,
  EventsExpectation,
  Expectation,
  LedgerExpectation,
  StatusRef,
} from './types.ts';

const MB = 1_048_576;

export interface Checked {
  readonly description: string;
  readonly passed: boolean;
  readonly expected: string;
  readonly found: string;
}

/** Event names a scenario may use for status changes, besides the world's own `card.status`. */
export const STATUS_EVENT_ALIASES = new Set(['card.status', 'status', 'statusChange', 'statusChanged']);

export function checkExpectation(
  world: World,
  expectation: Expectation,
  events: readonly SimEvent[],
): Checked {
  switch (expectation.kind) {
    case 'cards':
      return checkCards(world, expectation);
    case 'pool': {
      const pool = world.pools.get(expectation.pool);
      const values: [string, number | undefined, typeof expectation.usedMB][] = [
        ['used MB', pool ? pool.monthUsed / MB : undefined, expectation.usedMB],
        ['remaining MB', pool ? pool.remaining() / MB : undefined, expectation.remainingMB],
        ['size MB', pool ? pool.size() / MB : undefined, expectation.sizeMB],
      ];
      const checks = values.filter(([, , wanted]) => wanted !== undefined);
      const passed =
        pool !== undefined && checks.every(([, found, wanted]) => compare(found ?? NaN, wanted!));
      return {
        description: `pool ${expectation.pool}`,
        passed,
        expected: checks.map(([what, , wanted]) => `${what} ${describeComparison(wanted!)}`).join(', '),
        found: pool
          ? checks.map(([what, found]) => `${what} ${formatNumber(found!)}`).join(', ')
          : 'no such pool',
      };
    }
    case 'ledger':
      return checkLedger(world, expectation);
    case 'events':
      return checkEvents(world, expectation, events);
    case 'rule': {
      const triggers = world.rules.triggersOf(expectation.rule).length;
      return {
        description: `rule ${expectation.rule}: trigger records`,
        passed: compare(triggers, expectation.triggers),
        expected: describeComparison(expectation.triggers),
        found: String(triggers),
      };
    }
    case 'export': {
      const file = world.exportedFiles.get(expectation.fileName);
      const parts: string[] = [];
      let passed = file !== undefined;
      if (file && expectation.rows) passed &&= compare(file.rows, expectation.rows);
      if (file && expectation.status) passed &&= file.status === expectation.status;
      if (expectation.rows) parts.push(`rows ${describeComparison(expectation.rows)}`);
      if (expectation.status) parts.push(`status ${expectation.status}`);
      return {
        description: `export ${expectation.fileName}`,
        passed,
        expected: parts.join(', '),
        found: file ? `rows ${file.rows}, status ${file.status}` : 'no such exported file',
      };
    }
  }
}

function checkCards(world: World, expectation: CardsExpectation): Checked {
  const selected = selectCards(world, expectation.cards);
  const f = expectation.filters;
  const conditions: string[] = [];
  if (f.status) conditions.push(`status ${f.status}`);
  if (f.specificStatus) conditions.push(`specific status ${f.specificStatus}`);
  if (f.activationType) conditions.push(`activation type ${f.activationType}`);
  if (f.tag) conditions.push(`tag ${f.tag}`);
  if (f.pendingCancellation !== undefined) conditions.push(`pending cancellation ${f.pendingCancellation}`);
  if (f.boundImei) conditions.push(`bound IMEI ${f.boundImei}`);
  if (f.cycleUsageMB) conditions.push(`cycle usage MB ${describeComparison(f.cycleUsageMB)}`);
  if (f.consoleCycleUsageMB)
    conditions.push(`console cycle usage MB ${describeComparison(f.consoleCycleUsageMB)}`);
  const matches = (card: Card): boolean => {
    if (!matchesStatus(card, f)) return false;
    if (f.activationType && card.view.activationType !== f.activationType) return false;
    if (f.tag && !card.tags.includes(f.tag)) return false;
    if (f.pendingCancellation !== undefined && card.view.pendingCancellation !== f.pendingCancellation)
      return false;
    if (f.boundImei && (primarySnapshot(card).context.boundImei !== null) !== (f.boundImei === 'set'))
      return false;
    if (f.cycleUsageMB && !compare(world.traffic.liveMonthCarried(card) / MB, f.cycleUsageMB)) return false;
    if (
      f.consoleCycleUsageMB &&
      !compare(world.traffic.consoleMonthCarried(card) / MB, f.consoleCycleUsageMB)
    )
      return false;
    return true;
  };
  const matching = selected.filter(matches);
  const description = `cards of ${describeSelector(expectation.cards)}${conditions.length ? ` with ${conditions.join(', ')}` : ''}`;
  if (expectation.count) {
    return {
      description,
      passed: compare(matching.length, expectation.count),
      expected: `count ${describeComparison(expectation.count)}`,
      found: `count ${matching.length} of ${selected.length} selected${summary(selected, matches)}`,
    };
  }
  return {
    description,
    passed: selected.length > 0 && matching.length === selected.length,
    expected: `all selected cards (at least one)`,
    found: `${matching.length} of ${selected.length}${summary(selected, matches)}`,
  };
}

/** What the cards that do not match show instead: `; others: 3 Silent period`. */
function summary(cards: readonly Card[], matches: (card: Card) => boolean): string {
  const counts = new Map<string, number>();
  for (const card of cards) {
    if (matches(card)) continue;
    counts.set(card.view.specificStatus, (counts.get(card.view.specificStatus) ?? 0) + 1);
  }
  if (counts.size === 0) return '';
  return `; the others: ${[...counts].map(([status, n]) => `${n} ${status}`).join(', ')}`;
}

function checkLedger(world: World, expectation: LedgerExpectation): Checked {
  const month = expectation.month === undefined ? undefined : formatServiceMonth(expectation.month);
  const base = {
    ...(expectation.reason ? { reason: expectation.reason } : {}),
    ...(month ? { month } : {}),
    ...(expectation.pool ? { pool: expectation.pool } : {}),
  };
  const filters = expectation.cards
    ? selectCards(world, expectation.cards).map((card) => ({ ...base, card: card.iccid }))
    : [base];
  let count = 0;
  let sumFen = 0;
  for (const filter of filters) {
    count += world.billing.ledger.count(filter);
    sumFen += world.billing.ledger.sum(filter);
  }
  const sumYuan = sumFen / 100;
  const parts = [expectation.reason ?? 'every reason', month ? `for ${month}` : 'any month'];
  if (expectation.pool) parts.push(`pool ${expectation.pool}`);
  if (expectation.cards) parts.push(`cards of ${describeSelector(expectation.cards)}`);
  const passed =
    (!expectation.count || compare(count, expectation.count)) &&
    (!expectation.sum || compare(sumYuan, expectation.sum));
  const expected = [
    expectation.count ? `count ${describeComparison(expectation.count)}` : '',
    expectation.sum ? `sum ${describeComparison(expectation.sum)} yuan` : '',
  ].filter(Boolean);
  return {
    description: `ledger lines: ${parts.join(', ')}`,
    passed,
    expected: expected.join(', '),
    found: `count ${count}, sum ${sumYuan.toFixed(2)} yuan`,
  };
}

function matchesRef(ref: StatusRef, specific: string, status: string): boolean {
  return ref.level === 'status' ? status === ref.status : specific === ref.specific;
}

function checkEvents(world: World, expectation: EventsExpectation, events: readonly SimEvent[]): Checked {
  const statusEvent = STATUS_EVENT_ALIASES.has(expectation.type);
  const cards = expectation.cards
    ? new Set(selectCards(world, expectation.cards).map((c) => c.iccid))
    : undefined;
  let count = 0;
  for (const event of events) {
    if (statusEvent ? event.type !== 'card.status' : event.type !== expectation.type) continue;
    if (expectation.since !== undefined && event.t < expectation.since) continue;
    const payload = event.payload as {
      to?: string;
      from?: string;
      cause?: string;
      card?: string;
      status?: string;
      fromStatus?: string;
    };
    // Status events of sub-cards are the sub-cards' own; main cards are counted by default.
    if (statusEvent && payload.card !== undefined) continue;
    if (cards && !cards.has(event.subject)) continue;
    if (expectation.to && !matchesRef(expectation.to, String(payload.to), String(payload.status))) continue;
    if (expectation.from && !matchesRef(expectation.from, String(payload.from), String(payload.fromStatus)))
      continue;
    if (expectation.cause !== undefined && payload.cause !== expectation.cause) continue;
    count++;
  }
  const parts = [expectation.type];
  if (expectation.from)
    parts.push(
      `from ${expectation.from.level === 'status' ? expectation.from.status : expectation.from.specific}`,
    );
  if (expectation.to)
    parts.push(`to ${expectation.to.level === 'status' ? expectation.to.status : expectation.to.specific}`);
  if (expectation.cause) parts.push(`cause ${expectation.cause}`);
  return {
    description: `events ${parts.join(' ')}`,
    passed: compare(count, expectation.count),
    expected: `count ${describeComparison(expectation.count)}`,
    found: `count ${count}`,
  };
}
