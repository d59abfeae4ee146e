// Fleet at a glance, the numbers: cards by SIM card status and by specific status, with the platform's
// names and codes, live from every tick. Each count is a button that opens the card list filtered to
// it; a suspension that any card has is drawn in its warm colour and stands out.
import type { App } from '../app.ts';
import { h } from '../dom.ts';
import { count } from '../format.ts';
import { SIM_STATUSES, SPECIFIC_STATUSES, type StatusInfo } from '../statuses.ts';
import type { FleetSummary } from '../types.ts';

interface Tile {
  readonly info: StatusInfo;
  readonly button: HTMLButtonElement;
  readonly value: HTMLElement;
  readonly share: HTMLElement;
  shown: number;
}

export function fleetCounts(app: App): HTMLElement {
  const total = h('span', { className: 'total-cards' }, '—');
  const makeGroup = (
    infos: readonly StatusInfo[],
    field: 'status' | 'specificStatus',
    level: string,
  ): { list: HTMLElement; tiles: Tile[] } => {
    const tiles = infos.map((info): Tile => {
      const value = h('span', { className: 'tile-count' }, '0');
      const share = h('span', { className: 'tile-share' }, '');
      const button = h(
        'button',
        {
          type: 'button',
          className: `tile${info.alarm ? ' alarm' : ''}`,
          style: `--status-colour: ${info.colour}`,
          'data-status': info.name,
          'data-level': field,
          title: `Show the cards whose ${level} is ${info.name} (${info.code})`,
          onclick: () => app.searchCards({ [field]: info.name }),
        },
        h('span', { className: 'tile-name' }, info.name),
        value,
        h(
          'span',
          { className: 'tile-meta' },
          share,
          h('span', { className: 'tile-code' }, `code ${info.code}`),
        ),
      );
      return { info, button, value, share, shown: -1 };
    });
    const list = h(
      'ul',
      { className: 'tiles', 'aria-label': `Cards by ${level}` },
      tiles.map((tile) => h('li', {}, tile.button)),
    );
    return { list, tiles };
  };

  const statusGroup = makeGroup(SIM_STATUSES, 'status', 'SIM card status');
  const specificGroup = makeGroup(SPECIFIC_STATUSES, 'specificStatus', 'specific status');

  const show = (tiles: Tile[], counts: Record<string, number>, cards: number) => {
    for (const tile of tiles) {
      const n = counts[tile.info.name] ?? 0;
      if (n === tile.shown) continue;
      tile.shown = n;
      tile.value.textContent = count(n);
      tile.share.textContent =
        cards > 0 && n > 0 ? `${((n / cards) * 100).toFixed(n / cards < 0.01 ? 2 : 1)} %` : '';
      tile.button.classList.toggle('zero', n === 0);
      tile.button.setAttribute('aria-label', `${tile.info.name} (${tile.info.code}): ${count(n)} cards`);
    }
  };
  const update = (summary: FleetSummary) => {
    total.textContent = count(summary.cards);
    show(statusGroup.tiles, summary.byStatus, summary.cards);
    show(specificGroup.tiles, summary.bySpecific, summary.cards);
  };
  app.stream.listen({ hello: (_run, _clock, stats) => update(stats), tick: update });

  return h(
    'section',
    { className: 'panel fleet-counts', 'aria-labelledby': 'fleet-counts-title' },
    h(
      'h2',
      { id: 'fleet-counts-title' },
      'Fleet at a glance ',
      h('span', { className: 'muted' }, 'Total cards: '),
      total,
    ),
    h('h3', { className: 'group-title' }, 'SIM card status'),
    statusGroup.list,
    h('h3', { className: 'group-title' }, 'Specific status'),
    specificGroup.list,
  );
}
