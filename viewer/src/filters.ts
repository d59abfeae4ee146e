// The advanced search (C2) as the viewer holds it: one text per field of the card list's query string
// (CARD_FILTER_FIELDS in server/routes/query-params.ts). The same criteria become the list's query
// string and an export's `filter` (the scenario form of C2, sim/scenario/schema-rules.ts), so that
// "export what I see" exports exactly the cards the list shows.

export const SEARCH_FIELDS = [
  'iccid',
  'msisdn',
  'imsi',
  'voucher',
  'carrier',
  'planType',
  'status',
  'specificStatus',
  'tag',
  'pool',
  'activatedFrom',
  'activatedTo',
  'expiresFrom',
  'expiresTo',
  'usageMinMB',
  'usageMaxMB',
  'remainingAtMost',
  'idVerified',
  'autoRenew',
] as const;

export type SearchField = (typeof SEARCH_FIELDS)[number];
export type SearchCriteria = Partial<Record<SearchField, string>>;

export const FIELD_LABELS: Record<SearchField, string> = {
  iccid: 'ICCID',
  msisdn: 'MSISDN',
  imsi: 'IMSI',
  voucher: 'Plan voucher',
  carrier: 'Carrier',
  planType: 'Plan type',
  status: 'SIM card status',
  specificStatus: 'Specific status',
  tag: 'Tag',
  pool: 'Pool ID',
  activatedFrom: 'Activated from',
  activatedTo: 'Activated before',
  expiresFrom: 'Plan ends from',
  expiresTo: 'Plan ends before',
  usageMinMB: 'Traffic in cycle at least (MB)',
  usageMaxMB: 'Traffic in cycle at most (MB)',
  remainingAtMost: 'Remaining data at most',
  idVerified: 'Identity verified',
  autoRenew: 'Automatic renewal',
};

/** Only the fields with a value, trimmed. */
export function cleanCriteria(criteria: SearchCriteria): SearchCriteria {
  const clean: SearchCriteria = {};
  for (const key of SEARCH_FIELDS) {
    const value = criteria[key]?.trim();
    if (value) clean[key] = value;
  }
  return clean;
}

/** GET /api/cards query: the criteria plus paging. remainingAtMost is held in percent (10, 20, 30). */
export function cardQuery(criteria: SearchCriteria, page: number, pageSize: number): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(cleanCriteria(criteria)) as [SearchField, string][]) {
    query.set(key, key === 'remainingAtMost' ? String(Number(value) / 100) : value);
  }
  query.set('page', String(page));
  query.set('pageSize', String(pageSize));
  return query;
}

const booleanOf = (text: string): boolean | string =>
  text === 'true' ? true : text === 'false' ? false : text;
const numberOf = (text: string): number | string => (Number.isFinite(Number(text)) ? Number(text) : text);

/**
 * The export's filter (C8 with C2): the same criteria in the scenario's shape. Values are passed on
 * as typed, so the twin refuses what it would refuse in the list, with its own message.
 */
export function exportFilter(criteria: SearchCriteria): Record<string, unknown> {
  const c = cleanCriteria(criteria);
  const filter: Record<string, unknown> = {};
  if (c.iccid) {
    const list = c.iccid
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    filter.iccid = list.length === 1 ? list[0] : list;
  }
  for (const key of ['msisdn', 'imsi', 'voucher', 'carrier', 'planType', 'tag', 'pool'] as const) {
    if (c[key]) filter[key] = c[key];
  }
  if (c.status) filter.status = /^\d+$/.test(c.status) ? Number(c.status) : c.status;
  if (c.specificStatus)
    filter.specificStatus = /^\d+$/.test(c.specificStatus) ? Number(c.specificStatus) : c.specificStatus;
  const range = (from?: string, to?: string) =>
    from || to ? { ...(from ? { from } : {}), ...(to ? { to } : {}) } : undefined;
  const activated = range(c.activatedFrom, c.activatedTo);
  if (activated) filter.activated = activated;
  const expires = range(c.expiresFrom, c.expiresTo);
  if (expires) filter.expires = expires;
  if (c.usageMinMB && c.usageMaxMB)
    filter.usageMB = { between: [numberOf(c.usageMinMB), numberOf(c.usageMaxMB)] };
  else if (c.usageMinMB) filter.usageMB = { atLeast: numberOf(c.usageMinMB) };
  else if (c.usageMaxMB) filter.usageMB = { atMost: numberOf(c.usageMaxMB) };
  if (c.remainingAtMost) filter.remainingAtMost = numberOf(c.remainingAtMost);
  if (c.idVerified) filter.idVerified = booleanOf(c.idVerified);
  if (c.autoRenew) filter.autoRenew = booleanOf(c.autoRenew);
  return filter;
}

/** `Status: Suspended`, for the chips that show the search in force. */
export function describeCriteria(criteria: SearchCriteria): { field: SearchField; text: string }[] {
  return (Object.entries(cleanCriteria(criteria)) as [SearchField, string][]).map(([field, value]) => {
    let shown = value;
    if (field === 'remainingAtMost') shown = `${value} %`;
    if (field === 'idVerified' || field === 'autoRenew') shown = value === 'true' ? 'yes' : 'no';
    return { field, text: `${FIELD_LABELS[field]}: ${shown}` };
  });
}
