// C9: operation records kept as columns read back as the lines that went in, card by card, in order.
import { describe, expect, it } from 'vitest';
import type { OperationRecord } from './card.ts';
import { OperationRecords } from './operation-records.ts';

describe('C9 operation records', () => {
  it('C9 gives each card its own lines back, oldest first, with only the fields that were set', () => {
    const book = new OperationRecords();
    const written = new Map<number, OperationRecord[]>();
    const add = (card: number, record: OperationRecord) => {
      book.add(card, record);
      written.set(card, [...(written.get(card) ?? []), record]);
    };
    add(0, { t: 1_767_196_800_000, by: 'user', action: 'Account created', to: 'Silent period' });
    add(2_000, { t: 1_767_196_800_001, by: 'world', action: 'Bound to device', detail: 'IMEI 3500' });
    add(0, { t: 1_767_196_800_002, by: 'system', action: 'Activated', from: 'Silent period', to: 'In use' });
    add(0, {
      t: 1_767_196_800_003,
      by: 'carrier',
      action: 'Suspended',
      from: 'In use',
      to: 'Suspended (abnormal)',
    });
    add(2_000, { t: 1_767_196_800_004, by: 'system', action: 'Renewed automatically', detail: '1 month(s)' });
    expect(book.of(0)).toStrictEqual(written.get(0));
    expect(book.of(2_000)).toStrictEqual(written.get(2_000));
    expect(book.of(1)).toEqual([]);
    expect(book.of(5_000)).toEqual([]);
    expect(Object.keys(book.of(2_000)[0]!)).toEqual(['t', 'by', 'action', 'detail']);
  });

  it('C9 a saved image gives back the same lines, details included, and takes more after', () => {
    const book = new OperationRecords();
    book.add(0, { t: 1, by: 'user', action: 'Account created', to: 'Silent period' });
    book.add(1, { t: 2, by: 'world', action: 'Inserted into a device', detail: 'IMEI 1, tracker' });
    book.add(0, { t: 3, by: 'world', action: 'Inserted into a device', detail: 'IMEI 2, meter' });
    book.add(1, { t: 4, by: 'system', action: 'Renewed automatically', detail: '1 month(s)' });
    book.add(0, { t: 5, by: 'system', action: 'Renewed automatically', detail: '1 month(s)' });
    const image = book.save();
    // One table of texts, each once: details are in it, as images always had them.
    expect(new Set(image.texts).size).toBe(image.texts.length);
    expect(image.texts).toEqual(expect.arrayContaining(['IMEI 1, tracker', 'IMEI 2, meter', '1 month(s)']));
    const again = new OperationRecords();
    again.restore(image);
    for (const card of [0, 1]) expect(again.of(card)).toStrictEqual(book.of(card));
    again.add(1, { t: 6, by: 'world', action: 'Bound to device', detail: 'IMEI 1' });
    expect(again.of(1).at(-1)).toStrictEqual({
      t: 6,
      by: 'world',
      action: 'Bound to device',
      detail: 'IMEI 1',
    });
    expect(again.of(1).slice(0, -1)).toStrictEqual(book.of(1));
    expect(again.save().texts.slice(0, image.texts.length)).toEqual(image.texts);
  });
});
