// Export card details (C8) and Exported Files: the export dialog (the cards of the list's search or
// all cards, traffic of the last 1-6 months, daily usage or not, a file name) and the list of files
// with their status, rows and size, a download link and delete.
import { api, errorText } from '../api.ts';
import type { App } from '../app.ts';
import { focusFirst, openDialog } from '../dialog.ts';
import { announce, field, h, replaceChildren, select, uid } from '../dom.ts';
import { describeCriteria, exportFilter, type SearchCriteria } from '../filters.ts';
import { count, fileSize, simDateTime } from '../format.ts';
import type { ExportedFile } from '../types.ts';
import { showError } from './actions.ts';

export function openExportDialog(app: App, criteria: SearchCriteria, listTotal: number | undefined): void {
  const handle = openDialog({ title: 'Export card details', className: 'export-dialog' });
  const described = describeCriteria(criteria);
  const scope = uid('export-scope');
  const useSearch = h('input', {
    type: 'radio',
    name: scope,
    value: 'search',
    checked: described.length > 0,
  });
  const useAll = h('input', { type: 'radio', name: scope, value: 'all', checked: described.length === 0 });
  const months = select(
    ['1', '2', '3', '4', '5', '6'].map(
      (m) => [m, m === '1' ? 'Last month (this one)' : `Last ${m} months`] as const,
    ),
    { name: 'months' },
    '1',
  );
  const daily = h('input', { type: 'checkbox', name: 'daily' });
  const fileName = h('input', {
    type: 'text',
    name: 'fileName',
    autocomplete: 'off',
    maxlength: '120',
    placeholder: 'made up by the twin',
  });
  const error = h('div', { className: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', className: 'button primary' }, 'Export');
  const form = h(
    'form',
    { className: 'action-form', novalidate: true },
    described.length > 0
      ? h(
          'fieldset',
          { className: 'choices' },
          h('legend', {}, 'Cards'),
          h(
            'label',
            { className: 'choice' },
            useSearch,
            ` The card list's search (${listTotal === undefined ? '' : `${count(listTotal)} cards: `}${described.map((d) => d.text).join('; ')})`,
          ),
          h('label', { className: 'choice' }, useAll, ' All cards'),
        )
      : h('p', { className: 'hint' }, 'Cards: all cards (the card list has no search in force).'),
    h(
      'div',
      { className: 'form-row' },
      field('Traffic time range', months),
      h('label', { className: 'choice' }, daily, ' Export daily usage'),
    ),
    field(
      'File name',
      fileName,
      'Optional. Without one the twin makes up a name. The file appears under Exported Files.',
    ),
    error,
    h(
      'div',
      { className: 'dialog-actions' },
      h('button', { type: 'button', className: 'button', onclick: () => handle.close() }, 'Close'),
      submit,
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      error.hidden = true;
      submit.disabled = true;
      try {
        const file = await api.startExport({
          ...(fileName.value.trim() ? { fileName: fileName.value.trim() } : {}),
          months: Number(months.value),
          daily: daily.checked,
          filter: useSearch.checked ? exportFilter(criteria) : {},
        });
        app.changed('exports');
        handle.close();
        announce(
          `Export ${file.name} ${file.status === 'done' ? 'is ready' : 'started'} (${count(file.rows)} rows): see Exported Files`,
        );
        app.showTab('exports');
      } catch (e) {
        showError(error, e);
      } finally {
        submit.disabled = false;
      }
    })();
  });
  handle.body.append(form);
  focusFirst(form);
}

export function exportedFiles(app: App): HTMLElement {
  const tbody = h('tbody');
  const error = h('div', { className: 'form-error', role: 'alert', hidden: true });
  const empty = h(
    'p',
    { className: 'muted empty-note', hidden: true },
    'No exported files yet. Export card details from the card list.',
  );
  const refresh = h('button', { type: 'button', className: 'button', onclick: () => void load() }, 'Refresh');
  const exportButton = h(
    'button',
    {
      type: 'button',
      className: 'button primary',
      onclick: () => {
        const search = app.currentSearch();
        openExportDialog(app, search.criteria, search.total);
      },
    },
    'Export card details',
  );
  let loading = false;

  const statusText = (file: ExportedFile) =>
    h(
      'span',
      { className: `export-status status-${file.status}`, title: file.error ?? undefined },
      file.status === 'done'
        ? 'Done'
        : file.status === 'running'
          ? 'Running'
          : file.status === 'failed'
            ? 'Failed'
            : file.status,
    );

  const row = (file: ExportedFile) => {
    const remove = h(
      'button',
      {
        type: 'button',
        className: 'button small subtle',
        'data-key': `delete-${file.id}`,
        'aria-label': `Delete ${file.name}`,
      },
      'Delete',
    );
    const rowError = h('span', { className: 'inline-error', role: 'alert', hidden: true });
    remove.addEventListener('click', () => {
      remove.disabled = true;
      api
        .deleteExport(file.id)
        .then(() => {
          announce(`Deleted ${file.name}`);
          void load();
        })
        .catch((e: unknown) => {
          rowError.hidden = false;
          rowError.textContent = errorText(e);
          remove.disabled = false;
        });
    });
    return h(
      'tr',
      { 'data-export': file.name },
      h('td', {}, h('span', { className: 'file-name' }, file.name)),
      h('td', {}, simDateTime(file.createdAt)),
      h('td', {}, statusText(file), file.error ? h('div', { className: 'inline-error' }, file.error) : ''),
      h('td', { className: 'num' }, count(file.rows)),
      h('td', { className: 'num' }, fileSize(file.sizeBytes)),
      h('td', {}, `${file.months} month${file.months === 1 ? '' : 's'}${file.daily ? ', daily' : ''}`),
      h(
        'td',
        { className: 'ops' },
        file.status === 'done'
          ? h(
              'a',
              {
                className: 'button small',
                href: api.downloadUrl(file.id),
                download: file.name,
                'aria-label': `Download ${file.name}`,
              },
              'Download',
            )
          : '',
        remove,
        rowError,
      ),
    );
  };

  async function load(): Promise<void> {
    if (loading) return;
    loading = true;
    try {
      const files = await api.exports();
      error.hidden = true;
      const newestFirst = [...files.items].reverse();
      empty.hidden = newestFirst.length > 0;
      const focusedKey = (document.activeElement as HTMLElement | null)?.dataset?.key;
      replaceChildren(tbody, newestFirst.map(row));
      if (focusedKey) tbody.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusedKey)}"]`)?.focus();
    } catch (e) {
      error.hidden = false;
      error.textContent = `Exported Files could not be read: ${errorText(e)}`;
    } finally {
      loading = false;
    }
  }

  app.onChange((change) => {
    if (change === 'exports') void load();
  });
  app.onShow('exports', () => void load());
  app.stream.want('exports', { types: ['export.done'], cards: [] });
  app.stream.listen({
    hello: () => void load(),
    events(events) {
      if (events.some((e) => e.type === 'export.done')) void load();
    },
  });

  return h(
    'section',
    { className: 'panel exports-panel', 'aria-labelledby': 'exports-title' },
    h(
      'div',
      { className: 'list-toolbar' },
      h('h2', { id: 'exports-title' }, 'Exported Files'),
      h('div', { className: 'toolbar-buttons' }, exportButton, refresh),
    ),
    h(
      'p',
      { className: 'muted' },
      'Exports run as jobs; a finished file is downloaded from here (C8). Files are kept until deleted.',
    ),
    error,
    h(
      'div',
      { className: 'table-wrap' },
      h(
        'table',
        { className: 'export-table', 'aria-label': 'Exported files' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['File name', 'Created (sim time)', 'Status', 'Rows', 'Size', 'Traffic range', 'Actions'].map(
              (c) => h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        tbody,
      ),
    ),
    empty,
  );
}
