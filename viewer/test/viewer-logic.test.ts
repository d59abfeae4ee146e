// The viewer's own logic, without a browser: its statuses and search fields agree with the twin's
// (RULES.md section 3, CARD_FILTER_FIELDS), the advanced search becomes the same card filter whether
// it goes to the list (query string) or to an export (C8's filter), times show in Beijing time, and
// the charts' history stays bounded.
import { describe, expect, it } from 'vitest';
import { CARD_FILTER_FIELDS, cardFilterOf } from '../../server/routes/query-params.ts';
import {
  SIM_STATUSES as TWIN_SIM_STATUSES,
  SPECIFIC_STATUSES as TWIN_SPECIFIC_STATUSES,
} from '../../sim/machines/status.ts';
import { ExportArgsSchema } from '../../sim/scenario/schema-rules.ts';
import {
  cardQuery,
  describeCriteria,
  exportFilter,
  SEARCH_FIELDS,
  type SearchCriteria,
} from '../src/filters.ts';
import {
  amountMB,
  consoleMB,
  monthsBetween,
  simDateTime,
  simMonth,
  speedChoice,
  yuan,
} from '../src/format.ts';
import { BoundedHistory } from '../src/history.ts';
import { carrierOfIccid, SIM_STATUSES, SPECIFIC_STATUSES } from '../src/statuses.ts';
import { carriersOf } from '../src/views/event-feed.ts';
import type { StreamEvent } from '../src/types.ts';

describe('statuses (RULES.md section 3)', () => {
  it('S1 has the names and codes of the twin at both levels', () => {
    expect(SIM_STATUSES.map((s) => [s.name, s.code])).toEqual(Object.entries(TWIN_SIM_STATUSES));
    expect(SPECIFIC_STATUSES.map((s) => [s.name, s.code])).toEqual(Object.entries(TWIN_SPECIFIC_STATUSES));
  });

  it('gives every suspension cause its own colour, none shared with a calm status', () => {
    const suspended = SPECIFIC_STATUSES.filter((s) => s.alarm);
    expect(suspended.map((s) => s.name)).toEqual([
      'Manually suspended',
      'Suspended (usage limit)',
      'Suspended (credit control)',
      'Suspended (device change)',
      'Suspended (ID verification)',
      'Suspended (abnormal)',
    ]);
    const colours = new Set(suspended.map((s) => s.colour));
    expect(colours.size).toBe(6);
    for (const calm of SPECIFIC_STATUSES.filter((s) => !s.alarm))
      expect(colours.has(calm.colour)).toBe(false);
  });

  it('I1 reads the carrier from an ICCID issuer code', () => {
    expect(carrierOfIccid('89860786586533967518')).toBe('CM');
    expect(carrierOfIccid('89860676927199668771')).toBe('CU');
    expect(carrierOfIccid('89861176112325843589')).toBe('CT');
    expect(carrierOfIccid('89860887398621180741')).toBe('AL');
    expect(carrierOfIccid('1440290417589')).toBeUndefined();
  });

  it('puts a sub-card event under its smart card (AL) and its network carrier', () => {
    const event = (payload: Record<string, unknown>, subject: string): StreamEvent => ({
      t: 0,
      at: '',
      seq: 1,
      type: 'card.status',
      subject,
      payload,
    });
    expect(carriersOf(event({}, '89860786586533967518'))).toEqual(['CM']);
    expect(
      carriersOf(event({ card: '89860887398621180741', subCard: 'CU' }, '89860113884863580462')).sort(),
    ).toEqual(['AL', 'CU']);
  });
});

describe('advanced search (C2)', () => {
  it('has exactly the fields of the card list query (CARD_FILTER_FIELDS)', () => {
    expect([...SEARCH_FIELDS].sort()).toEqual(Object.keys(CARD_FILTER_FIELDS).sort());
  });

  const criteria: SearchCriteria = {
    iccid: '89860786586533967518, 89860271378638625163',
    voucher: 'CM_SC_M_1_30M',
    carrier: 'CM',
    planType: 'SC',
    status: 'Suspended',
    specificStatus: 'Suspended (usage limit)',
    tag: 'north',
    activatedFrom: '2026-01-01',
    activatedTo: '2026-02-01',
    expiresFrom: '2026-06-01',
    usageMinMB: '1.5',
    usageMaxMB: '30',
    remainingAtMost: '20',
    idVerified: 'false',
    autoRenew: 'true',
  };

  it('C8 gives an export the same filter the list searches with', () => {
    const query = Object.fromEntries(cardQuery(criteria, 2, 50));
    expect(query.page).toBe('2');
    expect(query.pageSize).toBe('50');
    expect(query.remainingAtMost).toBe('0.2');
    const { page: _page, pageSize: _pageSize, ...filterQuery } = query;
    const fromList = cardFilterOf(filterQuery);
    const fromExport = ExportArgsSchema.parse({ filter: exportFilter(criteria) }).filter;
    expect(fromExport).toEqual(fromList);
  });

  it('leaves empty fields out and describes the rest for the chips', () => {
    expect(exportFilter({ carrier: ' ', tag: '' })).toEqual({});
    expect([...cardQuery({ carrier: '' }, 1, 20).keys()]).toEqual(['page', 'pageSize']);
    expect(describeCriteria({ remainingAtMost: '10', autoRenew: 'false' }).map((d) => d.text)).toEqual([
      'Remaining data at most: 10 %',
      'Automatic renewal: no',
    ]);
  });
});

describe('formats', () => {
  it('shows sim times in Beijing time whatever the browser zone', () => {
    const t = Date.parse('2026-01-31T23:30:00+08:00');
    expect(simDateTime(t)).toBe('2026-01-31 23:30');
    expect(simMonth(t)).toBe('2026-01');
    expect(simMonth(Date.parse('2026-02-01T00:00:00+08:00'))).toBe('2026-02');
  });

  it('writes amounts as the console does', () => {
    expect(consoleMB(130)).toBe('130.00MB');
    expect(amountMB(0.0049)).toBe('0.0049 MB');
    expect(amountMB(40_960)).toBe('40 GB');
    expect(yuan(4_944_400)).toBe('¥49,444.00');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(speedChoice(86_400_000)).toBe('1d/s');
    expect(speedChoice(123)).toBeUndefined();
  });
});

describe('chart history', () => {
  it('stays within its capacity and keeps the whole span', () => {
    const history = new BoundedHistory<number>(50);
    for (let i = 0; i <= 10_000; i++) history.add(i * 1000, i);
    expect(history.length).toBeLessThanOrEqual(50);
    expect(history.points[0]!.t).toBe(0);
    expect(history.last!.t).toBe(10_000_000);
    const times = history.points.map((p) => p.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps a marked moment exactly and ignores time going back', () => {
    const history = new BoundedHistory<number>(10, 1000);
    history.add(0, 5);
    history.add(100, 4);
    history.add(150, 0, true);
    expect(history.points.map((p) => p.t)).toContain(150);
    expect(history.add(50, 1)).toBe(false);
  });

  it('adds nothing while the clock stands still', () => {
    const history = new BoundedHistory<number>(10);
    history.add(0, 1);
    for (let i = 0; i < 100; i++) history.add(1000, i);
    expect(history.points).toEqual([
      { t: 0, value: 1 },
      { t: 1000, value: 99 },
    ]);
  });
});
