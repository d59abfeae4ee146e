// A scenario's mistakes, each naming the place: `steps[3].cards.group`. The loader in cli/ adds the
// file name and, for YAML, the line and column of that place.
export class ScenarioError extends Error {
  override name = 'ScenarioError';
  constructor(
    /** Path inside the scenario, e.g. `steps[3].cards.group`; empty for the whole file. */
    readonly path: string,
    readonly reason: string,
  ) {
    super(path ? `${path}: ${reason}` : reason);
  }
}

/** Render a path the way users write it: `fleet[0].voucher`. */
export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}
