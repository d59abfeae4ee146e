// C8 export jobs and Exported Files on a small fleet: columns, rows against the query side, slices,
// the size limit, file names, deleting, and a sink that fails.
import { describe, expect, it } from 'vitest';
import { parseVoucher } from '../plans/voucher.ts';
import { Harness } from '../testing/harness.ts';
import type { World } from '../world.ts';
import { parseCsv, CSV_BOM, utf8Length } from './csv.ts';
import { CARD_COLUMNS } from './export-columns.ts';
import { EXPORT_MAX_CARDS, ExportJob, type ExportSink } from './export-job.ts';
import { ExportedFiles } from './exported-files.ts';
import { MemorySink } from './memory-sink.ts';
import { testFleet } from '../queries/test-fleet.ts';
import { expectedRow } from './test-rows.ts';

function setUp() {
  const f = testFleet();
  const sink = new MemorySink();
  return { f, world: f.h.world, sink, files: new ExportedFiles(sink) };
}

describe('C8 export jobs', () => {
  it('C8 a header, then one row per card matching the card list and usage series, cell for cell', () => {
    const { f, world, sink, files } = setUp();
    const job = files.start(world, { fileName: 'fleet', months: 2, daily: true, filter: {} });
    expect(job.runToEnd()).toMatchObject({ status: 'done', rowsWritten: 7, totalRows: 7 });
    const text = sink.read('fleet.csv')!;
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(job.bytesWritten).toBe(utf8Length(text));
    const [header, ...rows] = parseCsv(text);
    // January and February 2026: 2 month columns, then 31 + 28 days.
    expect(header).toHaveLength(CARD_COLUMNS.length + 2 + 59);
    expect(header!.slice(CARD_COLUMNS.length, CARD_COLUMNS.length + 3)).toEqual([
      'Usage 2026-01 (MB)',
      'Usage 2026-02 (MB)',
      '2026-01-01 (MB)',
    ]);
    expect(header!.at(-1)).toBe('2026-02-28 (MB)');
    expect(rows.map((row) => row[0])).toEqual(world.cards.map((card) => card.iccid));
    for (const row of rows) expect(row).toEqual(expectedRow(world, row[0]!, job.layout));
    const sc = rows[0]!;
    expect(sc.slice(0, 4)).toEqual([f.sc.iccid, f.sc.msisdn, 'CM_SC_M_1_100M', 'CM']);
    expect(sc[8]).toBe('95.00');
    expect(sc[10]).toBe('roof, "east" side');
    expect(sc[12]).toBe('2026-01-20 10:00:00');
    expect(sc[13]).toBe('2026-12-31 23:59:59');
    expect(rows[2]![1]).toBe(''); // A smart card has no MSISDN (I2).
    expect(rows[2]![9]).toBe('north,pilot');
    // Before the world began and after today: empty; 2026-02-02: the 95 MB.
    const column = (name: string): number => header!.indexOf(name);
    expect(sc[column('2026-01-14 (MB)')]).toBe('');
    expect(sc[column('2026-01-15 (MB)')]).toBe('0.00');
    expect(sc[column('2026-02-02 (MB)')]).toBe('95.00');
    expect(sc[column('2026-02-03 (MB)')]).toBe('0.00');
    expect(sc[column('2026-02-04 (MB)')]).toBe('');
    expect(sc[column('Usage 2026-02 (MB)')]).toBe('95.00');
  });

  it('C8 the filter selects the rows; monthly only without daily; no match is a header alone', () => {
    const { world, sink, files } = setUp();
    files.start(world, { fileName: 'cm', months: 1, daily: false, filter: { carrier: 'CM' } }).runToEnd();
    const [header, ...rows] = parseCsv(sink.read('cm.csv')!);
    expect(header).toHaveLength(CARD_COLUMNS.length + 1);
    expect(rows).toHaveLength(4);
    const none = files.start(world, { fileName: 'none', months: 6, daily: false, filter: { tag: 'south' } });
    expect(none.status).toBe('done');
    expect(parseCsv(sink.read('none.csv')!)).toHaveLength(1);
    expect(files.get('none')).toMatchObject({ rows: 0, cards: 0, status: 'done' });
  });

  it('C8 a job runs in slices, running until its last row', () => {
    const { world, files } = setUp();
    const job = files.start(world, { months: 1, daily: true, filter: {} });
    expect(job.step(3)).toMatchObject({ status: 'running', rowsWritten: 3 });
    expect(files.get(job.name)).toMatchObject({ status: 'running', rows: 3, cards: 7 });
    expect(files.running).toBe(true);
    files.step(3);
    expect(job.step(3)).toMatchObject({ status: 'done', rowsWritten: 7 });
    expect(job.step(3).rowsWritten).toBe(7);
    expect(files.running).toBe(false);
  });

  it('C8 more cards than the limit is ExportTooLarge, counted exactly, with nothing written', () => {
    const { world, sink } = setUp();
    const files = new ExportedFiles(sink, { maxCards: 6 });
    expect(EXPORT_MAX_CARDS).toBe(500_000);
    expect(() => files.start(world, { fileName: 'big', months: 1, daily: false, filter: {} })).toThrow(
      expect.objectContaining({
        code: 'ExportTooLarge',
        message: 'the filter selects 7 cards; an export holds at most 6 (C8): narrow the filter',
      }),
    );
    expect(sink.names()).toEqual([]);
    expect(files.list()).toEqual([]);
    // At the limit is allowed; the limit counts selected cards, not all cards.
    expect(
      files.start(world, { fileName: 'in use', months: 1, daily: false, filter: { status: 'In use' } })
        .totalRows,
    ).toBe(5);
    expect(
      new ExportedFiles(sink, { maxCards: 7 }).start(world, { months: 1, daily: false, filter: {} })
        .totalRows,
    ).toBe(7);
  });

  it('C8 the default limit is 500,000: 500,001 selected cards are refused before the file is created', () => {
    // A stand-in world of card records: with no filter field the selection reads nothing of a card but
    // its index, so the default path is exercised without building half a million cards.
    const standIn = (cards: number) =>
      ({ cards: new Array(cards).fill({ index: 0, view: {} }), now: () => 0 }) as unknown as World;
    const created: string[] = [];
    const sink: ExportSink = {
      create: (name) => (created.push(name), { write() {}, close() {} }),
      remove() {},
    };
    const args = { months: 1, daily: false, filter: {} };
    expect(() => new ExportJob(standIn(500_001), sink, 'big.csv', args)).toThrow(
      expect.objectContaining({
        code: 'ExportTooLarge',
        message: 'the filter selects 500,001 cards; an export holds at most 500,000 (C8): narrow the filter',
      }),
    );
    expect(created).toEqual([]);
    expect(new ExportJob(standIn(500_000), sink, 'max.csv', args).totalRows).toBe(500_000);
    expect(created).toEqual(['max.csv']);
  });

  it('C8 months outside 1-6 and bad filters are InvalidArgument; bad names InvalidFileName', () => {
    const { world, files } = setUp();
    const start = (args: Partial<Parameters<ExportedFiles['start']>[1]>) => () =>
      files.start(world, { months: 1, daily: false, filter: {}, ...args });
    expect(start({ months: 0 })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
    expect(start({ months: 7 })).toThrow('months must be a whole number from 1 to 6');
    expect(start({ filter: { iccids: [] } })).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
    for (const fileName of ['../x', 'a/b', '..', '', 'x'.repeat(101)])
      expect(start({ fileName })).toThrow(expect.objectContaining({ code: 'InvalidFileName' }));
    expect(files.list()).toEqual([]);
  });

  it('C8 Exported Files: listed, found by id or name in any case, names unique, deleted from the store', () => {
    const { world, sink, files } = setUp();
    files.start(world, { fileName: 'March', months: 1, daily: false, filter: {} }).runToEnd();
    const made = files.start(world, { months: 1, daily: false, filter: {} });
    const again = files.start(world, { months: 1, daily: false, filter: {} });
    expect(made.name).toBe('card-details-20260203-080000.csv');
    expect(again.name).toBe('card-details-20260203-080000-2.csv');
    expect(() => files.start(world, { fileName: 'march.CSV', months: 1, daily: false, filter: {} })).toThrow(
      expect.objectContaining({ code: 'InvalidFileName', message: expect.stringContaining('is taken') }),
    );
    const list = files.list();
    expect(list.map((file) => [file.id, file.name, file.status])).toEqual([
      ['1', 'March.csv', 'done'],
      ['2', 'card-details-20260203-080000.csv', 'running'],
      ['3', 'card-details-20260203-080000-2.csv', 'running'],
    ]);
    expect(list[0]).toMatchObject({ createdAt: world.now(), cards: 7, rows: 7, months: 1, daily: false });
    expect(list[0]!.sizeBytes).toBe(utf8Length(sink.read('March.csv')!));
    expect(files.get('march')).toEqual(list[0]);
    expect(files.get('1')).toEqual(list[0]);
    expect(files.get('nothing')).toBeUndefined();
    // Deleting a running job stops it and removes its partial file.
    files.delete('2');
    expect(sink.has('card-details-20260203-080000.csv')).toBe(false);
    expect(files.delete('MARCH.csv').name).toBe('March.csv');
    expect(sink.names()).toEqual(['card-details-20260203-080000-2.csv']);
    expect(() => files.delete('March')).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
    // The name is free again.
    expect(files.start(world, { fileName: 'march', months: 1, daily: false, filter: {} }).name).toBe(
      'march.csv',
    );
  });

  it('C8 a store that fails marks the job failed with the reason and removes the partial file', () => {
    const world = new Harness('2026-01-15').world;
    world.buy({ group: 'g', count: 5, voucher: parseVoucher('CM_SC_M_1_100M') });
    const removed: string[] = [];
    let writes = 0;
    const sink: ExportSink = {
      create: () => ({
        write: () => {
          if (++writes > 1) throw new Error('disk full');
        },
        close: () => {},
      }),
      remove: (name) => removed.push(name),
    };
    const job = new ExportJob(world, sink, 'x.csv', { months: 1, daily: false, filter: {} });
    expect(job.step(2)).toMatchObject({ status: 'failed', rowsWritten: 0 });
    expect(job.error).toBe('disk full');
    expect(removed).toEqual(['x.csv']);
  });
});
