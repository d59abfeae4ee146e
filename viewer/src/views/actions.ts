// The console's card actions, on one card (POST /api/cards/:iccid/:operation) or on the cards selected
// in the list (POST /api/operations): top-up, suspend, resume, Resume Use (rebind), Force Activate,
// test period, identity verification, cancellation, tags, remark, usage limit, automatic renewal.
// Each opens a dialog as the console does ("click OK in the dialog box"); a refusal is shown in that
// dialog, with the twin's code and message, and a batch lists the cards that were refused. What each
// action asks and sends is in action-specs.ts.
import { api, ApiError, errorText } from '../api.ts';
import type { App } from '../app.ts';
import { focusFirst, openDialog } from '../dialog.ts';
import { announce, h } from '../dom.ts';
import { count } from '../format.ts';
import type { OperationResponse } from '../types.ts';
import { SPECS, SUB_CARD_ACTIONS, type ActionKey, type ActionTarget, type Built } from './action-specs.ts';

export { ACTION_MENU, type ActionKey, type ActionTarget, type CardFacts } from './action-specs.ts';

function cardsText(iccids: readonly string[]): string {
  return iccids.length === 1 ? `card ${iccids[0]}` : `${count(iccids.length)} cards`;
}

/** The inline error of a form: code (and HTTP status) and the twin's message. */
export function showError(box: HTMLElement, error: unknown): void {
  box.hidden = false;
  box.textContent = '';
  if (error instanceof ApiError) {
    box.dataset.code = error.code;
    box.append(
      h('strong', { className: 'error-code' }, error.code),
      error.status ? ` (HTTP ${error.status})` : '',
      ': ',
      error.message,
    );
  } else {
    box.dataset.code = 'Error';
    box.append(typeof error === 'string' ? error : errorText(error));
  }
}

export function openAction(app: App, key: ActionKey, target: ActionTarget): void {
  const spec = SPECS[key];
  const single = target.iccids.length === 1;
  const handle = openDialog({
    title: `${spec.title}: ${cardsText(target.iccids)}`,
    className: `action-dialog action-${key}`,
  });
  const form = spec.form?.(target);
  const error = h('div', { className: 'form-error', role: 'alert', hidden: true });
  const results = h('div', { className: 'batch-results', hidden: true, 'aria-live': 'polite' });
  const submit = h(
    'button',
    { type: 'submit', className: `button ${spec.danger ? 'danger' : 'primary'}` },
    spec.submit,
  );
  const dismiss = h(
    'button',
    { type: 'button', className: 'button', onclick: () => handle.close() },
    'Close',
  );

  let subCardBoxes: HTMLInputElement[] = [];
  let subCardNodes: Node | null = null;
  const subCarriers = target.card?.subCarriers ?? (target.card?.carrier === 'AL' ? ['CM', 'CU', 'CT'] : []);
  if (spec.subCards && single && subCarriers.length > 0 && SUB_CARD_ACTIONS.has(key)) {
    subCardBoxes = subCarriers.map((carrier) => h('input', { type: 'checkbox', value: carrier }));
    subCardNodes = h(
      'fieldset',
      { className: 'choices' },
      h('legend', {}, 'Sub-cards (smart card)'),
      subCardBoxes.map((box) => h('label', { className: 'choice' }, box, ` ${box.value}`)),
      h('p', { className: 'hint' }, 'Leave all unchecked to act on every sub-card.'),
    );
  }

  const formNode = h(
    'form',
    { className: 'action-form', novalidate: true },
    target.iccids.length > 1
      ? h(
          'p',
          { className: 'hint' },
          `Applies to the ${count(target.iccids.length)} selected cards, one by one.`,
        )
      : '',
    spec.intro ? h('div', { className: 'intro' }, spec.intro(target)) : '',
    form?.nodes ?? [],
    subCardNodes ?? '',
    error,
    results,
    h('div', { className: 'dialog-actions' }, dismiss, submit),
  );

  formNode.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });

  async function run(): Promise<void> {
    error.hidden = true;
    results.hidden = true;
    const built: Built | string = form ? form.build() : { operation: key, args: {} };
    if (typeof built === 'string') {
      showError(error, built);
      return;
    }
    const chosen = subCardBoxes.filter((box) => box.checked).map((box) => box.value);
    const args = chosen.length > 0 ? { ...built.args, subCards: chosen } : built.args;
    submit.disabled = true;
    formNode.setAttribute('aria-busy', 'true');
    try {
      let response: OperationResponse;
      if (single) response = await api.cardOperation(target.iccids[0]!, built.operation, args);
      else response = await api.batchOperation(built.operation, target.iccids, args);
      app.changed('cards');
      if (response.failed === 0) {
        const pending = response.results.some((r) => r.ok && r.pending);
        handle.close();
        announce(
          pending
            ? `${spec.done(cardsText(target.iccids))}: accepted, it takes effect when the carrier completes it`
            : spec.done(cardsText(target.iccids)),
        );
        return;
      }
      showBatchResults(response);
    } catch (e) {
      showError(error, e);
    } finally {
      submit.disabled = false;
      formNode.removeAttribute('aria-busy');
    }
  }

  function showBatchResults(response: OperationResponse): void {
    results.hidden = false;
    results.textContent = '';
    const failures = response.results.filter((r) => !r.ok);
    results.append(
      h(
        'p',
        { className: response.succeeded > 0 ? 'partial' : 'failed' },
        `${count(response.succeeded)} of ${count(response.results.length)} cards succeeded; ${count(failures.length)} refused:`,
      ),
      h(
        'ul',
        { className: 'failures' },
        failures
          .slice(0, 100)
          .map((r) =>
            h(
              'li',
              {},
              h('span', { className: 'mono' }, r.iccid),
              ' ',
              h('strong', { className: 'error-code' }, r.ok ? '' : r.code),
              ' ',
              r.ok ? '' : r.message,
            ),
          ),
        failures.length > 100 ? h('li', {}, `… and ${count(failures.length - 100)} more`) : '',
      ),
    );
    submit.textContent = 'Try again';
    dismiss.focus();
  }

  handle.body.append(formNode);
  focusFirst(formNode);
}
