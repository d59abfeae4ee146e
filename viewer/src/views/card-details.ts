// Card details (C5), in a side panel: basic information, the sub-cards of a smart card, traffic of the
// last two months (a chart of GET /api/cards/:iccid/usage) with the active plans, settings (usage
// limit, automatic renewal, identity verification, automation rules with their trigger records) and
// the operation records (C9), with the console's actions at the top. Live while open: the stream is
// asked for every event of this card, and each one (or a new sim day) reloads the details.
import { api, errorText } from '../api.ts';
import type { App } from '../app.ts';
import type { Chart } from '../charts.ts';
import { openDialog, type DialogHandle } from '../dialog.ts';
import { h, keepFocus, replaceChildren } from '../dom.ts';
import { simDate } from '../format.ts';
import { menuButton } from '../menu.ts';
import type { CardDetails, UsageSeries } from '../types.ts';
import { ACTION_MENU, openAction, type ActionKey, type CardFacts } from './actions.ts';
import { statusChip } from './chips.ts';
import {
  basicSection,
  drawUsage,
  recordsSection,
  settingsSection,
  subCardsSection,
  trafficSection,
} from './card-sections.ts';

/** The event types that change what the details show. */
const CARD_EVENT_TYPES = [
  'card.status',
  'card.tags',
  'card.remark',
  'rule.triggered',
  'operation.done',
  'device.swapped',
  'order.created',
];
const PERIODIC_MS = 5000;

function facts(details: CardDetails): CardFacts {
  const b = details.basic;
  return {
    iccid: b.iccid,
    voucher: b.voucher,
    carrier: b.carrier,
    planType: b.planType,
    tags: b.tags,
    remark: b.remark,
    autoRenew: details.settings.autoRenew,
    usageLimit: details.settings.usageLimit,
    ...(details.subCards.length > 0 ? { subCarriers: details.subCards.map((s) => s.carrier) } : {}),
  };
}
export function cardDetailsPanel(app: App): { open(iccid: string): void; current(): string | undefined } {
  let handle: DialogHandle | undefined;
  let iccid: string | undefined;
  let details: CardDetails | undefined;
  let usageChart: Chart<'bar'> | undefined;
  let loading = false;
  let reloadWanted = false;
  let lastLoad = 0;
  let lastDay = '';
  let reloadTimer = 0;

  const close = () => handle?.close();

  function actionButton(key: ActionKey, label: string, danger = false): HTMLButtonElement {
    return h(
      'button',
      {
        type: 'button',
        className: `button small${danger ? ' danger-outline' : ''}`,
        'data-key': `action-${key}`,
        onclick: () =>
          details && openAction(app, key, { iccids: [details.basic.iccid], card: facts(details) }),
      },
      label,
    );
  }

  async function load(): Promise<void> {
    if (!handle || !iccid) return;
    if (loading) {
      reloadWanted = true;
      return;
    }
    loading = true;
    lastLoad = performance.now();
    const wanted = iccid;
    const body = handle.body;
    try {
      const [card, usage] = await Promise.all([api.card(wanted), api.usage(wanted)]);
      if (!handle || iccid !== wanted) return;
      details = card;
      render(card, usage);
    } catch (error) {
      if (!handle || iccid !== wanted) return;
      const box = body.querySelector<HTMLElement>('.details-error');
      if (box) {
        box.hidden = false;
        box.textContent = `The card could not be read: ${errorText(error)}`;
      }
    } finally {
      loading = false;
      if (reloadWanted) {
        reloadWanted = false;
        void load();
      }
    }
  }

  let content: HTMLElement | undefined;
  let statusLine: HTMLElement | undefined;

  function render(card: CardDetails, usage: UsageSeries): void {
    if (!handle || !content || !statusLine) return;
    const scroller = handle.body;
    const scrollTop = scroller.scrollTop;
    replaceChildren(
      statusLine,
      statusChip(card.basic.view.specificStatus, card.basic.view.osStatus),
      ` ${card.basic.voucher} · ${card.basic.carrier}`,
    );
    handle.dialog.dataset.specificStatus = card.basic.view.specificStatus;
    const canvas = h('canvas', { role: 'img', 'aria-label': 'Daily traffic of the last two months' });
    keepFocus(content, () => {
      usageChart?.destroy();
      usageChart = undefined;
      replaceChildren(
        content!,
        basicSection(card),
        subCardsSection(card),
        trafficSection(card, canvas),
        settingsSection(card, actionButton),
        recordsSection(card),
      );
    });
    usageChart = drawUsage(canvas, usage);
    scroller.scrollTop = scrollTop;
  }

  function scheduleReload(delayMs = 150): void {
    window.clearTimeout(reloadTimer);
    reloadTimer = window.setTimeout(() => void load(), delayMs);
  }

  app.stream.listen({
    events(events) {
      if (!iccid) return;
      const mine = events.some(
        (e) =>
          e.subject === iccid ||
          e.payload.card === iccid ||
          details?.subCards.some((s) => s.iccid === e.subject),
      );
      if (mine) scheduleReload();
    },
    tick(tick) {
      if (!iccid || !handle) return;
      // A new sim day changes the traffic figures; otherwise refresh now and then while it runs.
      const day = simDate(tick.now);
      if (day !== lastDay) {
        lastDay = day;
        if (performance.now() - lastLoad > 1000) scheduleReload(0);
      } else if (tick.mode !== 'paused' && performance.now() - lastLoad > PERIODIC_MS) scheduleReload(0);
    },
    hello() {
      close();
    },
  });
  app.onChange((change) => {
    if (change === 'cards' && handle) scheduleReload(0);
  });

  function open(ref: string): void {
    if (handle && iccid === ref) return;
    close();
    iccid = ref;
    details = undefined;
    lastDay = '';
    app.stream.want('details', { types: CARD_EVENT_TYPES, cards: [ref] });
    handle = openDialog({
      title: `Card ${ref}`,
      className: 'drawer card-details',
      onClose: () => {
        usageChart?.destroy();
        usageChart = undefined;
        handle = undefined;
        iccid = undefined;
        details = undefined;
        window.clearTimeout(reloadTimer);
        app.stream.want('details', undefined);
      },
    });
    handle.dialog.dataset.iccid = ref;
    statusLine = h('p', { className: 'details-status' }, 'Loading…');
    const primary: [ActionKey, string][] = [
      ['topUp', 'Top-up'],
      ['suspend', 'Suspend'],
      ['resume', 'Resume'],
      ['tags', 'Tags'],
      ['setRemark', 'Remark'],
    ];
    const toolbar = h(
      'div',
      { className: 'details-actions', role: 'toolbar', 'aria-label': 'Card actions' },
      primary.map(([key, label]) => actionButton(key, label)),
      menuButton(
        'More actions',
        () =>
          ACTION_MENU.filter((a) => !primary.some(([key]) => key === a.key)).map((a) => ({
            label: a.label,
            danger: a.danger ?? false,
            run: () =>
              details && openAction(app, a.key, { iccids: [details.basic.iccid], card: facts(details) }),
          })),
        { 'data-key': 'details-more' },
      ),
    );
    content = h(
      'div',
      { className: 'details-content' },
      h('p', { className: 'muted' }, 'Loading card details…'),
    );
    handle.header.after(h('div', { className: 'details-head' }, statusLine, toolbar));
    handle.body.append(
      h('div', { className: 'form-error details-error', role: 'alert', hidden: true }),
      content,
    );
    toolbar.querySelector<HTMLElement>('button')?.focus();
    void load();
  }

  return { open, current: () => iccid };
}
