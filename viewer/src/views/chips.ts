// Small pieces shown in many places: a status with its colour (and its code in a tooltip), tags.
import { h } from '../dom.ts';
import { colourOf } from '../statuses.ts';

export function statusChip(name: string, code?: number): HTMLElement {
  return h(
    'span',
    {
      className: 'status-chip',
      style: `--status-colour: ${colourOf(name)}`,
      title: code === undefined ? undefined : `${name} (${code})`,
    },
    h('span', { className: 'swatch', 'aria-hidden': 'true' }),
    name,
  );
}

export function tagChips(tags: readonly string[]): HTMLElement {
  return h(
    'span',
    { className: 'tags' },
    tags.length === 0
      ? h('span', { className: 'muted' }, '—')
      : tags.map((tag) => h('span', { className: 'tag' }, tag)),
  );
}
