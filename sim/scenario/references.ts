// The names a scenario defines and then refers to: groups (fleet entries and earlier `buy` steps),
// pools (`pools`) and device profiles (built-in and `profiles`). A reference to a name not defined
// (yet) is a mistake found before the run, at the place that names it.
import { ScenarioError, joinPath } from './errors.ts';
import { closest } from './suggest.ts';
import type { CardSelector } from './types.ts';

/** The traffic model's own profiles (D1); sim/devices defines what each does. */
export const BUILT_IN_PROFILES = ['meter', 'tracker', 'pos', 'camera', 'idle'] as const;

interface GroupInfo {
  readonly count: number;
  readonly path: string;
}

export class ScenarioReferences {
  private readonly groups = new Map<string, GroupInfo>();
  private readonly pools = new Set<string>();
  private readonly profiles = new Set<string>(BUILT_IN_PROFILES);

  addPool(id: string, path: string): void {
    if (this.pools.has(id)) throw new ScenarioError(joinPath(path, 'id'), `pool "${id}" is declared twice`);
    this.pools.add(id);
  }

  addProfile(name: string, path: string): void {
    if ((BUILT_IN_PROFILES as readonly string[]).includes(name)) {
      throw new ScenarioError(path, `"${name}" is a built-in profile; give the custom profile another name`);
    }
    this.profiles.add(name);
  }

  addGroup(group: string, count: number, path: string): void {
    const existing = this.groups.get(group);
    if (existing !== undefined) {
      throw new ScenarioError(
        joinPath(path, 'group'),
        `group "${group}" is already defined at ${existing.path}; give these cards another group name`,
      );
    }
    this.groups.set(group, { count, path });
  }

  hasPool(id: string): boolean {
    return this.pools.has(id);
  }

  checkPool(id: string, path: string): void {
    if (this.pools.has(id)) return;
    // P1: a same-tier pool is named by its voucher; it exists as soon as cards of it are bought.
    if (/_SFD?_/.test(id)) return;
    throw new ScenarioError(
      path,
      `unknown pool "${id}" (${known(id, [...this.pools], 'declare it under `pools`')})`,
    );
  }

  checkProfile(name: string, path: string): void {
    if (this.profiles.has(name)) return;
    throw new ScenarioError(
      path,
      `unknown device profile "${name}" (${known(name, [...this.profiles], '')})`,
    );
  }

  /** The group's size, after checking it is defined by now. */
  checkGroup(group: string, path: string): number {
    const info = this.groups.get(group);
    if (info !== undefined) return info.count;
    const hint =
      this.groups.size === 0
        ? 'no group is defined by then: add it to `fleet` or buy it in an earlier step'
        : known(group, [...this.groups.keys()], '');
    throw new ScenarioError(path, `unknown group "${group}" (${hint})`);
  }

  /** Checks what a selector names; `path` is the selector's own path (`steps[3].cards`). */
  checkSelector(selector: CardSelector, path: string): void {
    if (selector.kind === 'pool') this.checkPool(selector.pool, joinPath(path, 'pool'));
    if (selector.kind !== 'group') return;
    const size = this.checkGroup(selector.group, joinPath(path, 'group'));
    const tooMany = (key: 'first' | 'last', n: number | undefined) => {
      if (n !== undefined && n > size) {
        throw new ScenarioError(
          joinPath(path, key),
          `${n} is more than the ${size} cards of group "${selector.group}"`,
        );
      }
    };
    tooMany('first', selector.first);
    tooMany('last', selector.last);
    selector.index?.forEach((index, i) => {
      if (index >= size) {
        throw new ScenarioError(
          joinPath(joinPath(path, 'index'), i),
          `index ${index} is past the end of group "${selector.group}" (${size} cards: 0-${size - 1})`,
        );
      }
    });
  }
}

function known(name: string, names: readonly string[], fallback: string): string {
  const near = closest(name, names);
  if (near !== undefined) return `did you mean "${near}"?`;
  if (names.length === 0) return fallback;
  return `known: ${names.join(', ')}`;
}
