// Which cards a selector names (SCENARIOS.md, Selecting cards), in the order they were bought.
import type { Card } from '../cards/card.ts';
import type { World } from '../world.ts';
import type { CardSelector, StatusFilter } from './types.ts';

export function selectCards(world: World, selector: CardSelector): Card[] {
  let cards: Card[];
  switch (selector.kind) {
    case 'group': {
      const group = world.groups.get(selector.group) ?? [];
      if (selector.first !== undefined) cards = group.slice(0, selector.first);
      else if (selector.last !== undefined) cards = group.slice(Math.max(0, group.length - selector.last));
      else if (selector.index)
        cards = selector.index.map((i) => group[i]).filter((c): c is Card => c !== undefined);
      else cards = [...group];
      break;
    }
    case 'iccid': {
      const found = new Set<Card>();
      for (const ref of selector.iccids) {
        const card = world.findCard(ref);
        if (card) found.add(card);
      }
      cards = [...found];
      break;
    }
    case 'pool':
      cards = [...(world.pools.get(selector.pool)?.cards ?? [])];
      break;
    case 'voucher':
      cards = world.cards.filter((card) => card.voucher.code === selector.voucher.code);
      break;
    case 'tag':
      cards = world.cards.filter((card) => card.tags.includes(selector.tag));
      break;
    case 'all':
      cards = [...world.cards];
      break;
  }
  return selector.where ? cards.filter((card) => matchesStatus(card, selector.where!)) : cards;
}

export function matchesStatus(card: Card, filter: StatusFilter): boolean {
  if (filter.status !== undefined && card.view.status !== filter.status) return false;
  if (filter.specificStatus !== undefined && card.view.specificStatus !== filter.specificStatus) return false;
  return true;
}

/** A selector in words, for messages: `group meters, first 10`. */
export function describeSelector(selector: CardSelector): string {
  let text: string;
  switch (selector.kind) {
    case 'group':
      text = `group ${selector.group}`;
      if (selector.first !== undefined) text += `, first ${selector.first}`;
      if (selector.last !== undefined) text += `, last ${selector.last}`;
      if (selector.index) text += `, index ${selector.index.join(', ')}`;
      break;
    case 'iccid':
      text = selector.iccids.length === 1 ? `card ${selector.iccids[0]}` : `${selector.iccids.length} ICCIDs`;
      break;
    case 'pool':
      text = `pool ${selector.pool}`;
      break;
    case 'voucher':
      text = `voucher ${selector.voucher.code}`;
      break;
    case 'tag':
      text = `tag ${selector.tag}`;
      break;
    case 'all':
      text = 'all cards';
      break;
  }
  const where = selector.where;
  if (where?.status) text += ` where status ${where.status}`;
  if (where?.specificStatus) text += ` where specific status ${where.specificStatus}`;
  return text;
}
