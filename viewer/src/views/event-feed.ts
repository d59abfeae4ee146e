// The event feed: status changes (card, from, to, cause, who, sim time) and the other events the stream
// carries, newest first, filterable by type and carrier, pausable. Bounded: at most MAX_SHOWN entries
// in the page; events arriving while paused wait (up to MAX_HELD) and appear on resume. Batches are
// drawn once per animation frame, so a busy fleet costs a handful of DOM insertions a second.
import type { App } from '../app.ts';
import { field, h, select } from '../dom.ts';
import { count, simDateTime } from '../format.ts';
import { carrierOfIccid, causeLabel, CARRIERS } from '../statuses.ts';
import type { StreamEvent } from '../types.ts';
import { statusChip } from './chips.ts';

const MAX_SHOWN = 200;
const MAX_HELD = 1000;
/** At most this many new entries a flush, and a flush at most every FLUSH_MS: nobody reads faster. */
const MAX_PER_FLUSH = 40;
const FLUSH_MS = 250;

/** Feed filters: what the user picks, and the event types the server is asked for. */
export const EVENT_TYPE_CHOICES = [
  ['', 'All events', []],
  ['status', 'Status changes', ['card.status']],
  ['pools', 'Pools', ['pool.exhausted', 'pool.expanded']],
  ['rules', 'Rule triggers', ['rule.triggered']],
  ['operations', 'Operations', ['operation', 'operation.done']],
  ['cards', 'Tags and remarks', ['card.tags', 'card.remark']],
  ['devices', 'Device changes', ['device.swapped']],
  ['exports', 'Exports', ['export.done']],
  ['carriers', 'Carrier outages', ['carrier.outage']],
  ['orders', 'Orders', ['order.created']],
] as const satisfies readonly (readonly [string, string, readonly string[]])[];

/** The carriers an event concerns: a card's by its ICCID; a sub-card's and its smart card's (AL). */
export function carriersOf(event: StreamEvent): string[] {
  const payload = event.payload;
  const carriers = new Set<string>();
  if (typeof payload.subCard === 'string') {
    carriers.add('AL');
    carriers.add(payload.subCard);
  }
  const card = typeof payload.card === 'string' ? payload.card : event.subject;
  const fromIccid = carrierOfIccid(card);
  if (fromIccid) carriers.add(fromIccid);
  if (event.type === 'carrier.outage') carriers.add(event.subject);
  return [...carriers];
}

export function cardOf(event: StreamEvent): string | undefined {
  const card = typeof event.payload.card === 'string' ? event.payload.card : event.subject;
  return /^\d{20}$/.test(card) ? card : undefined;
}

export function eventFeed(app: App): HTMLElement {
  const typeSelect = select(
    EVENT_TYPE_CHOICES.map(([value, label]) => [value, label] as const),
    {},
    'status',
  );
  const carrierSelect = select([
    ['', 'All carriers'],
    ...CARRIERS.map(([code, name]) => [code, `${code} — ${name}`] as const),
  ]);
  const pauseButton = h(
    'button',
    { type: 'button', className: 'button small', 'aria-pressed': 'false' },
    'Pause',
  );
  const clearButton = h('button', { type: 'button', className: 'button small' }, 'Clear');
  const info = h('p', { className: 'feed-info muted', 'aria-live': 'polite' });
  const list = h('ol', { className: 'feed-list', 'aria-label': 'Events, newest first' });
  let paused = false;
  let held: StreamEvent[] = [];
  let pending: StreamEvent[] = [];
  let frame = 0;
  let lastFlush = 0;
  let skipped = 0;
  let sampled = false;

  const typesOf = (): readonly string[] =>
    EVENT_TYPE_CHOICES.find(([v]) => v === typeSelect.value)?.[2] ?? [];
  const wanted = (event: StreamEvent): boolean => {
    const types = typesOf();
    if (types.length > 0 && !types.includes(event.type)) return false;
    if (carrierSelect.value && !carriersOf(event).includes(carrierSelect.value)) return false;
    return true;
  };

  const cardButton = (iccid: string, label = iccid) =>
    h(
      'button',
      {
        type: 'button',
        className: 'link mono',
        title: `Open card ${iccid}`,
        'aria-label': `Open card ${iccid}`,
        onclick: () => app.openCard(iccid),
      },
      label,
    );

  const describe = (event: StreamEvent): (Node | string)[] => {
    const p = event.payload;
    const card = cardOf(event);
    switch (event.type) {
      case 'card.status': {
        const subCard = typeof p.subCard === 'string' ? ` (sub-card ${p.subCard})` : '';
        const cause = causeLabel(p.cause);
        return [
          card ? cardButton(card) : event.subject,
          subCard,
          h(
            'span',
            { className: 'feed-change' },
            statusChip(String(p.from)),
            h('span', { 'aria-label': 'to' }, ' → '),
            statusChip(String(p.to)),
          ),
          h(
            'span',
            { className: 'feed-cause muted' },
            [cause && `cause: ${cause}`, typeof p.by === 'string' && `by ${p.by}`].filter(Boolean).join(', '),
          ),
        ];
      }
      case 'pool.exhausted':
        return [
          h('strong', { className: 'alarm-text' }, `Pool ${event.subject} ran dry`),
          ' — its cards are suspended (credit control)',
        ];
      case 'pool.expanded':
        return [`Pool ${event.subject} expanded`];
      case 'rule.triggered':
        return [
          card ? cardButton(card) : event.subject,
          ` rule “${String(p.rule)}”: ${String(p.detail ?? '')}`,
        ];
      case 'operation':
        return [
          `${event.subject} by ${String(p.by)}: `,
          p.cards !== undefined
            ? `${String(p.succeeded)} of ${String(p.cards)} cards succeeded`
            : p.ok
              ? 'done'
              : `refused (${String(p.code)})`,
        ];
      case 'card.tags':
        return [
          card ? cardButton(card) : event.subject,
          ` tags: ${(p.tags as string[] | undefined)?.join(', ') || 'none'}`,
        ];
      case 'card.remark':
        return [card ? cardButton(card) : event.subject, ` remark: “${String(p.text ?? '')}”`];
      case 'export.done':
        return [`Export ${event.subject}: ${String(p.status)}, ${count(Number(p.rows ?? 0))} rows`];
      case 'carrier.outage':
        return [
          h('strong', { className: 'alarm-text' }, `${event.subject} network outage`),
          ` until ${simDateTime(Number(p.until))}`,
        ];
      case 'device.swapped':
        return [card ? cardButton(card) : event.subject, ' moved to another device'];
      default:
        return [card ? cardButton(card) : event.subject, ` ${JSON.stringify(p).slice(0, 120)}`];
    }
  };

  const item = (event: StreamEvent) =>
    h(
      'li',
      {
        className: `feed-item type-${event.type.replace('.', '-')}`,
        'data-card': cardOf(event) ?? '',
        'data-type': event.type,
      },
      h('time', { className: 'feed-time', dateTime: new Date(event.t).toISOString() }, simDateTime(event.t)),
      h('span', { className: 'feed-type' }, event.type),
      h('span', { className: 'feed-text' }, describe(event)),
    );

  const showInfo = () => {
    const parts = [`${count(list.childElementCount)} shown`];
    if (paused) parts.push(`paused: ${count(held.length)} new waiting`);
    if (sampled) parts.push('a sample of a busy fleet');
    if (skipped > 0) parts.push(`${count(skipped)} passed too fast to show`);
    info.textContent = parts.join(' · ');
  };

  const flush = () => {
    frame = 0;
    if (pending.length === 0) return;
    lastFlush = performance.now();
    // Newest first; of a big batch only the newest are drawn (and counted as skipped otherwise).
    const batch = pending.slice(-MAX_PER_FLUSH).reverse();
    skipped += Math.max(0, pending.length - MAX_PER_FLUSH);
    pending = [];
    const fragment = document.createDocumentFragment();
    for (const event of batch) fragment.appendChild(item(event));
    list.prepend(fragment);
    while (list.childElementCount > MAX_SHOWN) list.lastElementChild?.remove();
    showInfo();
  };

  const queue = (events: readonly StreamEvent[]) => {
    pending.push(...events);
    if (pending.length > MAX_SHOWN) {
      skipped += pending.length - MAX_SHOWN;
      pending = pending.slice(-MAX_SHOWN);
    }
    if (frame) return;
    const wait = Math.max(0, FLUSH_MS - (performance.now() - lastFlush));
    frame = window.setTimeout(() => requestAnimationFrame(flush), wait);
  };

  const subscribe = () => app.stream.want('feed', { types: typesOf(), cards: [] });

  const refilter = () => {
    list.textContent = '';
    pending = [];
    held = [];
    subscribe();
    showInfo();
  };
  typeSelect.addEventListener('change', refilter);
  carrierSelect.addEventListener('change', refilter);
  pauseButton.addEventListener('click', () => {
    paused = !paused;
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    pauseButton.setAttribute('aria-pressed', String(paused));
    if (!paused) {
      queue(held);
      held = [];
    }
    showInfo();
  });
  clearButton.addEventListener('click', () => {
    list.textContent = '';
    held = [];
    showInfo();
  });

  subscribe();
  app.stream.listen({
    hello() {
      list.textContent = '';
      held = [];
      pending = [];
      sampled = false;
      skipped = 0;
      showInfo();
    },
    events(events, total) {
      // With every type asked for, fewer events than the batch held means the server sampled it.
      if (typesOf().length === 0 && total > events.length) sampled = true;
      const kept = events.filter(wanted);
      if (kept.length === 0) return;
      if (paused) {
        held.push(...kept);
        if (held.length > MAX_HELD) held = held.slice(-MAX_HELD);
        showInfo();
      } else queue(kept);
    },
  });

  return h(
    'section',
    { className: 'panel feed', 'aria-labelledby': 'feed-title' },
    h(
      'div',
      { className: 'panel-head' },
      h('h2', { id: 'feed-title' }, 'Event feed'),
      h('span', { className: 'feed-buttons' }, pauseButton, clearButton),
    ),
    h('div', { className: 'feed-filters' }, field('Type', typeSelect), field('Carrier', carrierSelect)),
    info,
    list,
  );
}
