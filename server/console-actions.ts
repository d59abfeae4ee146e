// Console changes that are not operations of sim/ops (ARCHITECTURE.md, One way in, does not list
// them yet): defining and deleting catalogue tags, deleting an exported file. They change the world's
// state without an event, so they go through the journal like operations do, or a restarted server
// would bring a deleted file or tag back. Each one checks before it changes anything (a refused
// request leaves no journal line), then applies; replay applies the journaled ones again.
import { TwinError } from '../sim/errors.ts';
import { tagProblem } from '../sim/ops/tags.ts';
import type { World } from '../sim/world.ts';
import { notFound } from './errors.ts';

export interface ConsoleAction {
  /** Throws a TwinError or ApiError when the action is refused; changes nothing. */
  check(world: World, args: Record<string, unknown>): void;
  apply(world: World, args: Record<string, unknown>): unknown;
}

const text = (args: Record<string, unknown>, key: string): string => {
  const value = args[key];
  if (typeof value !== 'string') throw new TwinError('InvalidArgument', `${key} must be a string`);
  return value;
};

export const CONSOLE_ACTIONS: Readonly<Record<string, ConsoleAction>> = {
  // C3: a tag is defined before it is attached.
  'tags.define': {
    check(_world, args) {
      const problem = tagProblem(text(args, 'tag'));
      if (problem) throw new TwinError('InvalidArgument', problem);
    },
    apply(world, args) {
      const tag = text(args, 'tag').trim();
      world.tagCatalogue.add(tag);
      return { tag };
    },
  },
  // C3: a tag leaves the catalogue only when no card carries it.
  'tags.delete': {
    check(world, args) {
      const tag = text(args, 'tag');
      if (!world.tagCatalogue.has(tag)) throw notFound(`no tag ${JSON.stringify(tag)} in the catalogue`);
      const carrying = world.cards.filter((c) => c.tags.includes(tag)).length;
      if (carrying > 0)
        throw new TwinError(
          'StatusNotAllowed',
          `${carrying} card(s) carry tag ${JSON.stringify(tag)}; remove it from them first`,
        );
    },
    apply(world, args) {
      const tag = text(args, 'tag');
      world.tagCatalogue.delete(tag);
      return { deleted: tag };
    },
  },
  // C8: deleting an exported file removes it from the list and from the exports folder.
  'exports.delete': {
    check(world, args) {
      const ref = text(args, 'id');
      if (!world.exportedFiles.get(ref)) throw notFound(`no exported file ${JSON.stringify(ref)}`);
    },
    apply(world, args) {
      return { deleted: world.exportedFiles.delete(text(args, 'id')) };
    },
  },
};

/** The console action of that name, or undefined (never something inherited from Object). */
export const consoleActionOf = (name: string): ConsoleAction | undefined =>
  Object.hasOwn(CONSOLE_ACTIONS, name) ? CONSOLE_ACTIONS[name] : undefined;
