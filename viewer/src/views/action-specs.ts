// What each of the console's card actions asks and sends: its dialog's title, explanation, fields and
// the operation with its arguments (SCENARIOS.md names, the `with` of a scenario step). The dialog
// that runs them is actions.ts.
import { api } from '../api.ts';
import { field, h, select, uid } from '../dom.ts';

export type ActionKey =
  | 'topUp'
  | 'suspend'
  | 'resume'
  | 'rebind'
  | 'forceActivate'
  | 'requestTestPeriod'
  | 'verifyIdentity'
  | 'requestCancellation'
  | 'tags'
  | 'setRemark'
  | 'setUsageLimit'
  | 'setAutoRenew';

/** What a form starts from when it acts on one card. */
export interface CardFacts {
  readonly iccid: string;
  readonly voucher: string;
  readonly carrier: string;
  readonly planType: string;
  readonly tags: readonly string[];
  readonly remark: string;
  readonly autoRenew: boolean;
  readonly usageLimit?: {
    readonly limitMB: number | null;
    readonly source: string | null;
    readonly autoRestore: boolean;
  };
  /** Smart cards: the carriers of the sub-cards. */
  readonly subCarriers?: readonly string[];
}

export interface ActionTarget {
  readonly iccids: readonly string[];
  readonly card?: CardFacts;
}

/** The actions in the order of the console's menus; `danger` ones are drawn red. */
export const ACTION_MENU: readonly { key: ActionKey; label: string; danger?: boolean }[] = [
  { key: 'topUp', label: 'Top-up' },
  { key: 'suspend', label: 'Suspend' },
  { key: 'resume', label: 'Resume' },
  { key: 'rebind', label: 'Resume Use' },
  { key: 'forceActivate', label: 'Force Activate' },
  { key: 'requestTestPeriod', label: 'Request test period' },
  { key: 'verifyIdentity', label: 'Verify identity' },
  { key: 'tags', label: 'Tags' },
  { key: 'setRemark', label: 'Remark' },
  { key: 'setUsageLimit', label: 'Usage limit' },
  { key: 'setAutoRenew', label: 'Automatic renewal' },
  { key: 'requestCancellation', label: 'Request Account Cancellation', danger: true },
];

export interface Built {
  readonly operation: string;
  readonly args: Record<string, unknown>;
}

export interface ActionSpec {
  readonly title: string;
  readonly submit: string;
  readonly danger?: boolean;
  /** Smart cards: may name sub-cards (`subCards`). */
  readonly subCards?: boolean;
  readonly intro?: (target: ActionTarget) => (Node | string)[];
  readonly form?: (target: ActionTarget) => { nodes: Node[]; build(): Built | string };
  readonly done: (cards: string) => string;
}

export const SUB_CARD_ACTIONS = new Set<ActionKey>([
  'topUp',
  'suspend',
  'resume',
  'rebind',
  'forceActivate',
  'requestTestPeriod',
  'verifyIdentity',
  'requestCancellation',
  'setAutoRenew',
]);

const radio = (name: string, value: string, label: string, checked = false) => {
  const input = h('input', { type: 'radio', name, value, checked });
  return { input, label: h('label', { className: 'choice' }, input, ` ${label}`) };
};

const billingCycleOf = (voucher: string) => voucher.split('_')[2] ?? 'M';

export const SPECS: Record<ActionKey, ActionSpec> = {
  topUp: {
    title: 'Top-up',
    submit: 'Create order and pay',
    subCards: true,
    intro: () => [
      'Top-up is for single-card plans (SC, SCD) and same-tier pool plans (SF, SFD). Pooled data plans have no top-up: expand the pool instead.',
    ],
    form: (target) => {
      const name = uid('topup-type');
      const renew = radio(name, 'renew', 'Renew plan', true);
      const addOn = radio(name, 'addOn', 'Purchase add-on package (single-card plans only)');
      const yearly = target.card ? billingCycleOf(target.card.voucher) === 'Y' : false;
      const periods = select(
        (yearly ? ['1', '2', '3'] : ['1', '2', '3', '6', '9', '12']).map(
          (p) => [p, `${p} ${yearly ? 'year' : 'month'}${p === '1' ? '' : 's'}`] as const,
        ),
        { name: 'periods' },
        '1',
      );
      const tier = select(['30M', '100M', '500M', '1G', '5G'], { name: 'tier' }, '100M');
      const quantity = select(['1', '2', '3'], { name: 'quantity' }, '1');
      const renewFields = h(
        'div',
        { className: 'form-row' },
        field('Renewal period', periods, target.card ? undefined : 'Yearly plans renew 1, 2 or 3 years.'),
      );
      const addOnFields = h(
        'div',
        { className: 'form-row', hidden: true },
        field('Add-on package data tier', tier),
        field('Quantity', quantity),
      );
      const sync = () => {
        renewFields.hidden = !renew.input.checked;
        addOnFields.hidden = !addOn.input.checked;
      };
      renew.input.addEventListener('change', sync);
      addOn.input.addEventListener('change', sync);
      return {
        nodes: [
          h('fieldset', { className: 'choices' }, h('legend', {}, 'Top-up type'), renew.label, addOn.label),
          renewFields,
          addOnFields,
        ],
        build: () =>
          renew.input.checked
            ? { operation: 'topUp', args: { type: 'renew', periods: Number(periods.value) } }
            : {
                operation: 'topUp',
                args: { type: 'addOn', tier: tier.value, quantity: Number(quantity.value) },
              },
      };
    },
    done: (cards) => `Top-up ordered for ${cards}`,
  },
  suspend: {
    title: 'Suspend',
    submit: 'Suspend',
    subCards: true,
    intro: () => [
      'Manually suspend: the card stays Manually suspended until it is resumed. Only a card In use can be suspended.',
    ],
    done: (cards) => `Suspended ${cards}`,
  },
  resume: {
    title: 'Resume',
    submit: 'Resume',
    subCards: true,
    intro: () => [
      'Resume removes a manual or usage-limit suspension. A card suspended for credit control is resumed by a top-up; an abnormal suspension only by the carrier.',
    ],
    done: (cards) => `Resumed ${cards}`,
  },
  rebind: {
    title: 'Resume Use',
    submit: 'OK',
    subCards: true,
    intro: () => [
      'The card moved to another device and was locked (Suspended (device change)). Resume Use binds it to the device it is in now and resumes it.',
    ],
    done: (cards) => `Resume Use done for ${cards}`,
  },
  forceActivate: {
    title: 'Force Activate',
    submit: 'OK',
    subCards: true,
    intro: () => [
      'Manual forced activation puts an inactive card of a same-tier pool plan into use at once, to expand the data pool. The monthly plan fee is charged.',
    ],
    done: (cards) => `Force-activated ${cards}`,
  },
  requestTestPeriod: {
    title: 'Request test period',
    submit: 'Request',
    subCards: true,
    intro: () => [
      'The test period lasts three months from the order and includes 6 MB of data; then the card enters its silent period.',
    ],
    done: (cards) => `Test period requested for ${cards}`,
  },
  verifyIdentity: {
    title: 'Verify identity',
    submit: 'Complete verification',
    subCards: true,
    intro: () => [
      "Complete the carrier's individual identity verification. A card Suspended (ID verification) is resumed automatically.",
    ],
    done: (cards) => `Identity verified for ${cards}`,
  },
  requestCancellation: {
    title: 'Request Account Cancellation',
    submit: 'Request cancellation',
    danger: true,
    subCards: true,
    intro: () => [
      h(
        'div',
        { className: 'warning', role: 'note' },
        h('strong', {}, 'Important'),
        h(
          'ul',
          {},
          h(
            'li',
            {},
            'The cancellation operation is irreversible. You cannot recover a canceled account. Proceed with caution.',
          ),
          h('li', {}, 'Only a card that is Deactivated or Manually suspended can be canceled.'),
          h(
            'li',
            {},
            'Submit cancellation requests before the 20th of the month: the carrier then completes them within the month and no charge falls due for the next one.',
          ),
        ),
      ),
    ],
    done: (cards) => `Cancellation requested for ${cards}`,
  },
  tags: {
    title: 'Tags',
    submit: 'Save',
    intro: (target) =>
      target.card
        ? [
            `A card carries at most 3 tags. Current tags: ${target.card.tags.length ? target.card.tags.join(', ') : 'none'}.`,
          ]
        : [
            'A card carries at most 3 tags; a card that would pass 3 is refused by name while the others get the tag.',
          ],
    form: (target) => {
      const name = uid('tag-mode');
      const add = radio(name, 'add', 'Add tags', true);
      const remove = radio(name, 'remove', 'Remove tags');
      const listId = uid('tag-catalogue');
      const catalogue = h('datalist', { id: listId });
      void api
        .tags()
        .then((tags) => catalogue.append(...tags.items.map((t) => h('option', { value: t.tag }))))
        .catch(() => undefined);
      const input = h('input', {
        type: 'text',
        name: 'tags',
        list: listId,
        required: true,
        autocomplete: 'off',
        placeholder: 'north, pilot',
        value: '',
      });
      const current = target.card?.tags ?? [];
      const quick = current.length
        ? h(
            'p',
            { className: 'hint' },
            'Remove one: ',
            current.map((tag) =>
              h(
                'button',
                {
                  type: 'button',
                  className: 'chip-button',
                  'aria-label': `Remove tag ${tag}`,
                  onclick: () => {
                    remove.input.checked = true;
                    input.value = tag;
                  },
                },
                `${tag} ×`,
              ),
            ),
          )
        : null;
      return {
        nodes: [
          h('fieldset', { className: 'choices' }, h('legend', {}, 'Change'), add.label, remove.label),
          field('Tags (separate with commas)', input),
          catalogue,
          ...(quick ? [quick] : []),
        ],
        build: () => {
          const tags = input.value
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean);
          if (tags.length === 0) return 'Name at least one tag.';
          return { operation: add.input.checked ? 'addTags' : 'removeTags', args: { tags } };
        },
      };
    },
    done: (cards) => `Tags changed on ${cards}`,
  },
  setRemark: {
    title: 'Remark',
    submit: 'Save',
    form: (target) => {
      const text = h('textarea', { name: 'remark', maxlength: '256', rows: '3' });
      text.value = target.card?.remark ?? '';
      const counter = h('span', { className: 'hint', 'aria-live': 'polite' });
      const sync = () => (counter.textContent = `${text.value.length} / 256 characters`);
      text.addEventListener('input', sync);
      sync();
      return {
        nodes: [field('Remark', text), counter],
        build: () => ({ operation: 'setRemark', args: { text: text.value } }),
      };
    },
    done: (cards) => `Remark saved on ${cards}`,
  },
  setUsageLimit: {
    title: 'Usage limit suspension',
    submit: 'Save',
    intro: () => [
      "When a card's traffic this month reaches the threshold it is Suspended (usage limit). A card's own setting wins over its voucher's.",
    ],
    form: (target) => {
      const own = target.card?.usageLimit?.source === 'card' ? target.card.usageLimit : undefined;
      const mb = h('input', {
        type: 'number',
        name: 'mb',
        min: '0',
        step: 'any',
        inputmode: 'decimal',
        placeholder: 'none',
      });
      if (own?.limitMB !== null && own?.limitMB !== undefined) mb.value = String(own.limitMB);
      const autoRestore = h('input', {
        type: 'checkbox',
        name: 'autoRestore',
        checked: own ? own.autoRestore : true,
      });
      const inherited =
        target.card?.usageLimit?.source === 'voucher'
          ? `The voucher's limit of ${target.card.usageLimit.limitMB} MB applies now.`
          : undefined;
      return {
        nodes: [
          field(
            'Monthly threshold (MB)',
            mb,
            `Leave empty to remove the card's own limit.${inherited ? ` ${inherited}` : ''}`,
          ),
          h('label', { className: 'choice' }, autoRestore, ' Resume automatically on the 1st of next month'),
        ],
        build: () => {
          const value = mb.value.trim();
          if (value !== '' && !(Number(value) >= 0)) return 'The threshold is a number of MB, 0 or more.';
          return {
            operation: 'setUsageLimit',
            args: { mb: value === '' ? null : Number(value), autoRestore: autoRestore.checked },
          };
        },
      };
    },
    done: (cards) => `Usage limit saved on ${cards}`,
  },
  setAutoRenew: {
    title: 'Automatic renewal',
    submit: 'Save',
    subCards: true,
    form: (target) => {
      const name = uid('auto-renew');
      const on = radio(name, 'on', 'On: renew the plan when it ends', target.card?.autoRenew ?? true);
      const off = radio(name, 'off', 'Off', target.card ? !target.card.autoRenew : false);
      return {
        nodes: [
          h('fieldset', { className: 'choices' }, h('legend', {}, 'Automatic renewal'), on.label, off.label),
        ],
        build: () => ({ operation: 'setAutoRenew', args: { on: on.input.checked } }),
      };
    },
    done: (cards) => `Automatic renewal changed on ${cards}`,
  },
};
