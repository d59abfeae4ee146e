// Advanced Search (C2): every filter the card list's REST query takes (CARD_FILTER_FIELDS), as a form.
import { h, field, select } from '../dom.ts';
import { FIELD_LABELS, SEARCH_FIELDS, type SearchCriteria, type SearchField } from '../filters.ts';
import { CARRIERS, PLAN_TYPES, SIM_STATUSES, SPECIFIC_STATUSES } from '../statuses.ts';

export interface SearchForm {
  readonly element: HTMLFormElement;
  set(criteria: SearchCriteria): void;
  read(): SearchCriteria;
}

const ANY = ['', 'Any'] as const;

function control(name: SearchField): HTMLInputElement | HTMLSelectElement {
  switch (name) {
    case 'carrier':
      return select([ANY, ...CARRIERS.map(([code, label]) => [code, `${code} — ${label}`] as const)], {
        name,
      });
    case 'planType':
      return select([ANY, ...PLAN_TYPES], { name });
    case 'status':
      return select([ANY, ...SIM_STATUSES.map((s) => [s.name, `${s.name} (${s.code})`] as const)], { name });
    case 'specificStatus':
      return select([ANY, ...SPECIFIC_STATUSES.map((s) => [s.name, `${s.name} (${s.code})`] as const)], {
        name,
      });
    case 'remainingAtMost':
      return select([ANY, ['10', '10 %'], ['20', '20 %'], ['30', '30 %']], { name });
    case 'idVerified':
    case 'autoRenew':
      return select([ANY, ['true', 'Yes'], ['false', 'No']], { name });
    case 'activatedFrom':
    case 'activatedTo':
    case 'expiresFrom':
    case 'expiresTo':
      return h('input', { type: 'date', name });
    case 'usageMinMB':
    case 'usageMaxMB':
      return h('input', { type: 'number', name, min: '0', step: 'any', inputmode: 'decimal' });
    case 'iccid':
      return h('input', {
        type: 'text',
        name,
        inputmode: 'numeric',
        autocomplete: 'off',
        placeholder: '20 digits, or several: a, b',
      });
    case 'msisdn':
      return h('input', {
        type: 'text',
        name,
        inputmode: 'numeric',
        autocomplete: 'off',
        placeholder: '13 digits',
      });
    case 'imsi':
      return h('input', {
        type: 'text',
        name,
        inputmode: 'numeric',
        autocomplete: 'off',
        placeholder: '15 digits',
      });
    case 'voucher':
      return h('input', { type: 'text', name, autocomplete: 'off', placeholder: 'e.g. CM_SC_M_1_30M' });
    case 'pool':
      return h('input', {
        type: 'text',
        name,
        autocomplete: 'off',
        placeholder: 'pool ID or same-tier voucher',
      });
    case 'tag':
      return h('input', { type: 'text', name, autocomplete: 'off' });
  }
}

export function searchForm(onSearch: (criteria: SearchCriteria) => void, onReset: () => void): SearchForm {
  const controls = new Map<SearchField, HTMLInputElement | HTMLSelectElement>();
  for (const name of SEARCH_FIELDS) controls.set(name, control(name));
  const read = (): SearchCriteria => {
    const criteria: SearchCriteria = {};
    for (const [name, element] of controls) if (element.value.trim()) criteria[name] = element.value.trim();
    return criteria;
  };
  const set = (criteria: SearchCriteria) => {
    for (const [name, element] of controls) element.value = criteria[name] ?? '';
  };
  const element = h(
    'form',
    {
      className: 'search-form',
      'aria-label': 'Advanced search',
      onsubmit: (event: Event) => {
        event.preventDefault();
        onSearch(read());
      },
    },
    h(
      'div',
      { className: 'search-grid' },
      SEARCH_FIELDS.map((name) => field(FIELD_LABELS[name], controls.get(name)!)),
    ),
    h(
      'div',
      { className: 'form-actions' },
      h(
        'button',
        {
          type: 'button',
          className: 'button',
          onclick: () => {
            set({});
            onReset();
          },
        },
        'Reset',
      ),
      h('button', { type: 'submit', className: 'button primary' }, 'Search'),
    ),
  );
  return { element, set, read };
}
