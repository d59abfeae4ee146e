// The card list, as the console's Card Management page: its columns (ICCID, MSISDN, plan voucher,
// carrier, SIM card status, specific status, cumulative traffic in cycle, tags, remarks), Advanced
// Search (C2), paging done by the server (a page of 100,000 cards costs what a page of 100 does), batch
// selection with batch actions, and per-card View and More actions. While shown it refreshes itself
// every few seconds, updating rows in place so that focus and selection stay where they are.
import { api, errorText } from '../api.ts';
import type { App } from '../app.ts';
import { h, replaceChildren, select } from '../dom.ts';
import { cardQuery, cleanCriteria, describeCriteria, type SearchCriteria } from '../filters.ts';
import { consoleMB, count } from '../format.ts';
import { menuButton } from '../menu.ts';
import type { CardRow } from '../types.ts';
import { ACTION_MENU, openAction, type ActionKey, type ActionTarget, type CardFacts } from './actions.ts';
import { openExportDialog } from './exports.ts';
import { statusChip, tagChips } from './chips.ts';
import { searchForm } from './search-form.ts';

const PAGE_SIZES = ['10', '20', '50', '100'];
/** Data cells (by index) whose text may wrap: tags and remarks. */
const WRAPPING = new Set([7, 8]);
const LIVE_REFRESH_MS = 3000;

export interface CardList {
  readonly element: HTMLElement;
  search(criteria: SearchCriteria): void;
  criteria(): SearchCriteria;
  total(): number | undefined;
}

export function cardFacts(row: CardRow): CardFacts {
  return {
    iccid: row.iccid,
    voucher: row.voucher,
    carrier: row.carrier,
    planType: row.planType,
    tags: row.tags,
    remark: row.remark,
    autoRenew: row.autoRenew,
  };
}

export function cardList(app: App): CardList {
  let criteria: SearchCriteria = {};
  let page = 1;
  let pageSize = 20;
  let total: number | undefined;
  let rows: CardRow[] = [];
  let loading = false;
  let again = false;
  let lastLoad = 0;
  /** The world's event count at the last load: no new events, nothing to refresh. */
  let eventsAtLoad = -1;
  let eventsNow = 0;
  const selection = new Set<string>();

  const totalText = h('span', { className: 'total-cards' }, '—');
  const searchToggle = h(
    'button',
    { type: 'button', className: 'button', 'aria-expanded': 'false', 'aria-controls': 'advanced-search' },
    'Advanced Search',
  );
  const exportButton = h(
    'button',
    { type: 'button', className: 'button', title: 'Export card details' },
    'Export',
  );
  const refreshButton = h('button', { type: 'button', className: 'button' }, 'Refresh');
  const live = h('input', { type: 'checkbox', checked: true });
  const form = searchForm(
    (next) => {
      criteria = cleanCriteria(next);
      page = 1;
      void load();
    },
    () => {
      criteria = {};
      page = 1;
      void load();
    },
  );
  const searchPanel = h(
    'div',
    { id: 'advanced-search', className: 'search-panel', hidden: true },
    form.element,
  );
  const chips = h('div', { className: 'filter-chips', 'aria-label': 'Search in force' });
  const listError = h('div', { className: 'form-error', role: 'alert', hidden: true });

  const selectedText = h('span', { className: 'selected-count', 'aria-live': 'polite' });
  const batchTarget = (): ActionTarget => ({ iccids: [...selection] });
  const batchButton = (key: ActionKey, label: string) =>
    h(
      'button',
      { type: 'button', className: 'button small', onclick: () => openAction(app, key, batchTarget()) },
      label,
    );
  const batchBar = h(
    'div',
    {
      className: 'batch-bar',
      role: 'region',
      'aria-label': 'Batch actions on the selected cards',
      hidden: true,
    },
    selectedText,
    batchButton('suspend', 'Suspend'),
    batchButton('resume', 'Resume'),
    batchButton('topUp', 'Top-up'),
    batchButton('tags', 'Tags'),
    menuButton(
      'More batch actions',
      () =>
        ACTION_MENU.filter((a) => !['suspend', 'resume', 'topUp', 'tags'].includes(a.key)).map((a) => ({
          label: a.label,
          danger: a.danger ?? false,
          run: () => openAction(app, a.key, batchTarget()),
        })),
      { className: 'button small' },
    ),
    h(
      'button',
      {
        type: 'button',
        className: 'button small subtle',
        onclick: () => {
          selection.clear();
          syncSelection();
        },
      },
      'Clear selection',
    ),
  );

  const selectPage = h('input', { type: 'checkbox', 'aria-label': 'Select all cards on this page' });
  const columns = [
    'ICCID',
    'MSISDN',
    'Plan voucher',
    'Carrier',
    'SIM card status',
    'Specific status',
    'Cumulative traffic in cycle',
    'Tags',
    'Remarks',
    'Operation',
  ];
  const tbody = h('tbody');
  const table = h(
    'table',
    { className: 'card-table', 'aria-label': 'Cards', 'aria-rowcount': '-1' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col', className: 'check' }, selectPage),
        columns.map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    tbody,
  );

  const pageSizeSelect = select(PAGE_SIZES, { 'aria-label': 'Cards per page' }, String(pageSize));
  const prev = h(
    'button',
    { type: 'button', className: 'button small', 'aria-label': 'Previous page' },
    '‹ Previous',
  );
  const next = h(
    'button',
    { type: 'button', className: 'button small', 'aria-label': 'Next page' },
    'Next ›',
  );
  const pageText = h('span', { className: 'page-text', 'aria-live': 'polite' });
  const pageInput = h('input', {
    type: 'number',
    min: '1',
    className: 'page-input',
    'aria-label': 'Go to page',
  });
  const pager = h(
    'nav',
    { className: 'pager', 'aria-label': 'Pages' },
    h('label', { className: 'inline-field' }, 'Page size ', pageSizeSelect),
    prev,
    pageText,
    next,
    h(
      'form',
      {
        className: 'goto',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const wanted = Math.floor(Number(pageInput.value));
          if (wanted >= 1) {
            page = Math.min(wanted, pages());
            void load();
          }
        },
      },
      pageInput,
      h('button', { type: 'submit', className: 'button small' }, 'Go'),
    ),
  );

  const pages = () => Math.max(1, Math.ceil((total ?? 0) / pageSize));

  function rowCells(row: CardRow): (Node | string)[] {
    return [
      h('span', { className: 'mono' }, row.iccid),
      row.msisdn
        ? h('span', { className: 'mono' }, row.msisdn)
        : h(
            'span',
            { className: 'muted', title: 'A smart card: each sub-card has its own MSISDN (see its details)' },
            'Sub-cards',
          ),
      row.voucher,
      row.carrier,
      statusChip(row.status, row.statusCode),
      statusChip(row.specificStatus, row.osStatus),
      h('span', { className: 'num' }, consoleMB(row.cycleUsageMB)),
      tagChips(row.tags),
      h('span', { className: 'remark', title: row.remark }, row.remark || '—'),
    ];
  }

  function renderRow(row: CardRow): HTMLTableRowElement {
    const check = h('input', {
      type: 'checkbox',
      'aria-label': `Select card ${row.iccid}`,
      'data-key': `select-${row.iccid}`,
      checked: selection.has(row.iccid),
    });
    check.addEventListener('change', () => {
      if (check.checked) selection.add(row.iccid);
      else selection.delete(row.iccid);
      syncSelection();
    });
    const view = h(
      'button',
      {
        type: 'button',
        className: 'button small',
        'data-key': `view-${row.iccid}`,
        'aria-label': `View card ${row.iccid}`,
        onclick: () => app.openCard(row.iccid),
      },
      'View',
    );
    const more = menuButton(
      'More',
      () => {
        const current = rows.find((r) => r.iccid === row.iccid) ?? row;
        return ACTION_MENU.map((a) => ({
          label: a.label,
          danger: a.danger ?? false,
          run: () => openAction(app, a.key, { iccids: [row.iccid], card: cardFacts(current) }),
        }));
      },
      { 'aria-label': `More actions for card ${row.iccid}`, 'data-key': `more-${row.iccid}` },
    );
    const tr = h(
      'tr',
      { 'data-iccid': row.iccid },
      h('td', { className: 'check' }, check),
      rowCells(row).map((cell, i) =>
        h('td', { 'data-label': columns[i], className: WRAPPING.has(i) ? 'wrap' : undefined }, cell),
      ),
      h('td', { className: 'ops' }, view, more),
    );
    return tr;
  }

  function render(items: CardRow[]): void {
    const same =
      items.length === tbody.rows.length &&
      items.every((row, i) => tbody.rows[i]?.dataset.iccid === row.iccid);
    if (same) {
      // In place: only the data cells change; checkboxes and buttons (and focus) stay.
      items.forEach((row, i) => {
        const cells = tbody.rows[i]!.cells;
        rowCells(row).forEach((content, c) => {
          const cell = cells[c + 1]!;
          const text = typeof content === 'string' ? content : content.textContent;
          if (cell.textContent !== text) replaceChildren(cell, content);
        });
      });
    } else {
      tbody.textContent = '';
      if (items.length === 0) {
        tbody.append(
          h(
            'tr',
            {},
            h('td', { colSpan: columns.length + 1, className: 'empty' }, 'No cards match this search.'),
          ),
        );
      } else tbody.append(...items.map(renderRow));
    }
    rows = items;
    syncSelection();
  }

  function syncSelection(): void {
    for (const tr of tbody.rows) {
      const box = tr.querySelector<HTMLInputElement>('input[type=checkbox]');
      if (box && tr.dataset.iccid) box.checked = selection.has(tr.dataset.iccid);
      tr.classList.toggle('selected', !!tr.dataset.iccid && selection.has(tr.dataset.iccid));
    }
    const onPage = rows.filter((r) => selection.has(r.iccid)).length;
    selectPage.checked = rows.length > 0 && onPage === rows.length;
    selectPage.indeterminate = onPage > 0 && onPage < rows.length;
    batchBar.hidden = selection.size === 0;
    selectedText.textContent = `${count(selection.size)} selected`;
  }

  selectPage.addEventListener('change', () => {
    for (const row of rows) {
      if (selectPage.checked) selection.add(row.iccid);
      else selection.delete(row.iccid);
    }
    syncSelection();
  });

  function renderChips(): void {
    const described = describeCriteria(criteria);
    chips.hidden = described.length === 0;
    replaceChildren(
      chips,
      described.map(({ field, text }) =>
        h(
          'button',
          {
            type: 'button',
            className: 'chip-button',
            'aria-label': `Remove filter ${text}`,
            onclick: () => {
              const { [field]: _removed, ...rest } = criteria;
              criteria = rest;
              form.set(criteria);
              page = 1;
              void load();
            },
          },
          `${text} ×`,
        ),
      ),
    );
  }

  async function load(): Promise<void> {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    lastLoad = performance.now();
    eventsAtLoad = eventsNow;
    table.setAttribute('aria-busy', 'true');
    renderChips();
    try {
      const result = await api.cards(cardQuery(criteria, page, pageSize));
      total = result.total;
      if (page > pages() && total > 0) {
        page = pages();
        loading = false;
        return await load();
      }
      listError.hidden = true;
      render(result.items);
    } catch (error) {
      listError.hidden = false;
      listError.textContent = `The card list could not be read: ${errorText(error)}`;
    } finally {
      loading = false;
      table.removeAttribute('aria-busy');
      totalText.textContent = total === undefined ? '—' : count(total);
      pageText.textContent = `Page ${count(page)} of ${count(pages())}`;
      prev.disabled = page <= 1;
      next.disabled = page >= pages();
      pageInput.max = String(pages());
      if (again) {
        again = false;
        void load();
      }
    }
  }

  searchToggle.addEventListener('click', () => {
    const open = searchPanel.hidden;
    searchPanel.hidden = !open;
    searchToggle.setAttribute('aria-expanded', String(open));
    if (open) form.element.querySelector<HTMLElement>('input, select')?.focus();
  });
  exportButton.addEventListener('click', () => openExportDialog(app, criteria, total));
  refreshButton.addEventListener('click', () => void load());
  pageSizeSelect.addEventListener('change', () => {
    pageSize = Number(pageSizeSelect.value);
    page = 1;
    void load();
  });
  prev.addEventListener('click', () => {
    page = Math.max(1, page - 1);
    void load();
  });
  next.addEventListener('click', () => {
    page = Math.min(pages(), page + 1);
    void load();
  });

  app.onChange((change) => {
    if (change === 'cards') void load();
  });
  app.onShow('cards', () => void load());
  app.stream.listen({
    hello: () => {
      selection.clear();
      if (app.isShown('cards')) void load();
    },
    tick: (tick) => {
      eventsNow = tick.events;
      if (
        live.checked &&
        eventsNow !== eventsAtLoad &&
        app.isShown('cards') &&
        !loading &&
        document.visibilityState === 'visible' &&
        performance.now() - lastLoad >= LIVE_REFRESH_MS
      )
        void load();
    },
  });

  const element = h(
    'section',
    { className: 'panel cards-panel', 'aria-labelledby': 'cards-title' },
    h(
      'div',
      { className: 'list-toolbar' },
      h(
        'h2',
        { id: 'cards-title' },
        'Card list ',
        h('span', { className: 'muted' }, 'Total cards: '),
        totalText,
      ),
      h(
        'div',
        { className: 'toolbar-buttons' },
        searchToggle,
        exportButton,
        h('label', { className: 'choice' }, live, ' Live'),
        refreshButton,
      ),
    ),
    searchPanel,
    chips,
    listError,
    batchBar,
    h('div', { className: 'table-wrap' }, table),
    pager,
  );

  return {
    element,
    search(next: SearchCriteria) {
      criteria = cleanCriteria(next);
      form.set(criteria);
      page = 1;
      void load();
    },
    criteria: () => criteria,
    total: () => total,
  };
}
