// C3: tags are defined first, then attached (attaching an undefined tag defines it); at most 3 per
// card. In a batch the card that would pass 3 is refused by name, the others succeed.
import type { Card } from '../cards/card.ts';
import type { Refusal } from '../errors.ts';
import type { World } from '../world.ts';
import type { CardOperation } from './types.ts';

export const MAX_TAGS_PER_CARD = 3;
export const MAX_TAG_LENGTH = 32;

/** A tag's text: 1-32 characters, no commas (they separate tags in exports), trimmed. */
export function tagProblem(tag: string): string | null {
  const trimmed = tag.trim();
  if (trimmed === '') return 'a tag cannot be empty';
  if (trimmed.length > MAX_TAG_LENGTH) return `tag "${trimmed}" is longer than ${MAX_TAG_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[,\u0000-\u001f]/.test(trimmed)) return `tag "${trimmed}" has a comma or a control character`;
  return null;
}

function checkTags(tags: readonly string[]): Refusal | null {
  for (const tag of tags) {
    const problem = tagProblem(tag);
    if (problem) return { code: 'InvalidArgument', message: problem };
  }
  return null;
}

const canceled = (card: Card): Refusal | null =>
  card.view.status === 'Canceled'
    ? { code: 'CardCanceled', message: `card ${card.iccid} is canceled and refuses every operation` }
    : null;

export const addTags: CardOperation<'addTags'> = {
  name: 'addTags',
  kind: 'card',
  performer: 'user',
  reachesCarrier: false,
  apply(world: World, card, args, by) {
    const refusal = checkTags(args.tags) ?? canceled(card);
    if (refusal) return refusal;
    const adding = [...new Set(args.tags.map((t) => t.trim()))].filter((t) => !card.tags.includes(t));
    if (card.tags.length + adding.length > MAX_TAGS_PER_CARD) {
      return {
        code: 'TagLimitExceeded',
        message: `card ${card.iccid} has ${card.tags.length} tag(s) (${card.tags.join(', ') || 'none'}); adding ${adding.join(', ')} would pass ${MAX_TAGS_PER_CARD}`,
      };
    }
    if (adding.length === 0) return null;
    for (const tag of adding) world.tagCatalogue.add(tag);
    card.tags.push(...adding);
    world.record(card, by, 'Tags added', adding.join(', '));
    world.rules.cardChanged(card);
    world.emit('card.tags', card.iccid, { added: adding, tags: card.tags, by });
    return null;
  },
};

export const removeTags: CardOperation<'removeTags'> = {
  name: 'removeTags',
  kind: 'card',
  performer: 'user',
  reachesCarrier: false,
  apply(world, card, args, by) {
    const refusal = checkTags(args.tags) ?? canceled(card);
    if (refusal) return refusal;
    const removing = args.tags.map((t) => t.trim()).filter((t) => card.tags.includes(t));
    if (removing.length === 0) return null;
    card.tags = card.tags.filter((t) => !removing.includes(t));
    world.record(card, by, 'Tags removed', removing.join(', '));
    world.rules.cardChanged(card);
    world.emit('card.tags', card.iccid, { removed: removing, tags: card.tags, by });
    return null;
  },
};
