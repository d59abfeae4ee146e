// C8 C2 at scale: 100,000 cards, a thousand of them carrying camera traffic for 40 days; a filtered
// scan of the card list, then an export with two months of daily usage whose every row count and a
// sample of rows, cell for cell, agree with the query side. Timings are printed, never asserted.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Card } from '../cards/card.ts';
import { parseVoucher } from '../plans/voucher.ts';
import { listCards } from '../queries/cardList.ts';
import { parseDateTime } from '../time/calendar.ts';
import { World } from '../world.ts';
import { CSV_BOM, parseCsv, utf8Length } from './csv.ts';
import { CARD_COLUMNS } from './export-columns.ts';
import { ExportedFiles } from './exported-files.ts';
import { MemorySink } from './memory-sink.ts';
import { expectedRow } from './test-rows.ts';

const VOUCHERS = ['CM_SC_M_1_100M', 'CU_SF_M_1_1G', 'CT_SC_M_1_30M', 'CM_SCD_M_1_1G'];
const CARDS_PER_VOUCHER = 25_000;

let world: World;
let carrying: Card[];

const timed = <T>(what: string, run: () => T): T => {
  const started = performance.now();
  const result = run();
  console.info(`${what}: ${Math.round(performance.now() - started)} ms`);
  return result;
};

beforeAll(() => {
  world = new World({ name: 'export-scale', seed: 7, start: parseDateTime('2026-03-01') });
  timed('buy 100,000 cards', () => {
    for (const code of VOUCHERS)
      world.buy({ group: code, count: CARDS_PER_VOUCHER, voucher: parseVoucher(code) });
  });
  // Every 100th card is activated and put into a camera: traffic on a subset, as a fleet has.
  carrying = world.cards.filter((card) => card.index % 100 === 0);
  const camera = world.devices.profile('camera')!;
  for (const card of carrying) {
    world.sendToCard(card, { type: 'ACTIVATE', at: world.now(), activationType: 'manage' }, { by: 'user' });
    world.devices.insert(card, camera);
  }
  carrying.slice(0, 10).forEach((card) => card.tags.push('sample'));
  timed('run 40 days', () => world.runUntil(parseDateTime('2026-04-10T12:00')));
}, 60_000);

describe('C8 C2 export at scale', () => {
  it('C2 a filtered scan of 100,000 cards answers one page and the total', () => {
    expect(world.cards).toHaveLength(100_000);
    const activated = timed('list: activated (any date)', () =>
      listCards(world, { filter: { activated: {} } }),
    );
    expect(activated.total).toBe(1_000);
    const silent = timed('list: Silent period', () =>
      listCards(world, { filter: { specificStatus: 'Silent period' } }),
    );
    expect(silent.total).toBe(99_000);
    const used = timed('list: usage at least 1 MB (P4)', () =>
      listCards(world, { filter: { usageMB: { min: 1 } } }),
    );
    expect(used.total).toBeGreaterThan(900);
    const lastPage = timed('list: last page of all', () => listCards(world, { page: 5_000, pageSize: 20 }));
    expect(lastPage.items.at(-1)!.iccid).toBe(world.cards.at(-1)!.iccid);
    const low = timed('list: remaining at most 30 %', () =>
      listCards(world, { filter: { remainingShareAtMost: 0.3 } }),
    );
    expect(low.items.every((row) => row.status !== 'Not in use')).toBe(true);
  });

  it('C8 100,000 cards with two months of daily usage: every row, and a sample cell for cell', () => {
    const sink = new MemorySink();
    const files = new ExportedFiles(sink);
    const job = files.start(world, { fileName: 'all', months: 2, daily: true, filter: {} });
    const progress = timed('export 100,000 rows', () => job.runToEnd());
    expect(progress).toMatchObject({ status: 'done', rowsWritten: 100_000, totalRows: 100_000 });
    const text = sink.read('all.csv')!;
    console.info(`export size: ${Math.round(progress.bytesWritten / 2 ** 20)} MB`);
    expect(progress.bytesWritten).toBe(utf8Length(text));
    expect(text.startsWith(CSV_BOM)).toBe(true);
    // No field of this fleet holds a line break, so records are lines.
    const lines = text.slice(1, -2).split('\r\n');
    expect(lines).toHaveLength(100_001);
    const header = parseCsv(lines[0]!)[0]!;
    expect(header).toHaveLength(CARD_COLUMNS.length + 2 + 31 + 30);
    for (let i = 1; i < lines.length; i++) {
      if (!lines[i]!.startsWith(`${world.cards[i - 1]!.iccid},`))
        throw new Error(`row ${i} is not card ${i - 1}`);
    }
    const sample = [...carrying.slice(0, 100), ...world.cards.filter((card) => card.index % 997 === 1)];
    for (const card of sample) {
      const row = parseCsv(lines[card.index + 1]!)[0]!;
      expect(row).toEqual(expectedRow(world, card.iccid, job.layout));
    }
    // The traffic is there: the first camera card used its whole 100 MB in March (P3 stops it there).
    const march = header.indexOf('Usage 2026-03 (MB)');
    expect(parseCsv(lines[1]!)[0]![march]).toBe('100.00');
  });

  it('C8 C2 a filtered export holds exactly the cards the card list selects', () => {
    const files = new ExportedFiles(new MemorySink());
    for (const filter of [{ carrier: 'CT' as const }, { tag: 'sample' }, { status: 'In use' as const }]) {
      const job = files.start(world, { months: 1, daily: false, filter }).runToEnd();
      expect(job.rowsWritten).toBe(listCards(world, { filter }).total);
    }
  });
});
