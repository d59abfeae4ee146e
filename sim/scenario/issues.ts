// zod's issues, told the way a person writing YAML needs them: the first mistake only, its path written
// `steps[3].cards.group`, and one sentence saying what is wrong and what is expected. zod keeps going
// after the first problem and, for a union, reports every branch; this picks the issue that names the
// real slip (an unknown key `pol` rather than the missing `pool` it was meant to be) and the branch
// the writer meant (the one whose keys fit best).
import type { z } from 'zod';
import { ScenarioError, joinPath } from './errors.ts';
import { showValue } from './schema-values.ts';
import { suggestion } from './suggest.ts';

type Issue = z.core.$ZodIssue;
type Segment = string | number;

/** The few parts of a zod schema's definition this file walks, to find the keys an object allows.
 * `_zod.def` is zod 4's definition object, the surface zod/v4/core offers to tools that walk schemas. */
interface SchemaDef {
  readonly type: string;
  readonly shape?: Readonly<Record<string, WalkableSchema>>;
  readonly options?: readonly WalkableSchema[];
  readonly discriminator?: string;
  readonly in?: WalkableSchema;
  readonly innerType?: WalkableSchema;
  readonly element?: WalkableSchema;
  readonly valueType?: WalkableSchema;
  readonly items?: readonly WalkableSchema[];
}
interface WalkableSchema {
  readonly _zod: { readonly def: SchemaDef; readonly values?: ReadonlySet<unknown> };
}

export function renderPath(segments: readonly Segment[]): string {
  return segments.reduce<string>((path, segment) => joinPath(path, segment), '');
}

function segmentsOf(path: readonly PropertyKey[]): Segment[] {
  return path.map((key) => (typeof key === 'number' ? key : String(key)));
}

function valueAt(doc: unknown, path: readonly Segment[]): unknown {
  let value = doc;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Wrappers (optional, default, pipe, …) do not change which keys an object allows: look through them. */
function unwrap(schema: WalkableSchema, input: unknown): WalkableSchema {
  let current = schema;
  for (;;) {
    const def = current._zod.def;
    const inner = def.type === 'array' ? undefined : (def.innerType ?? def.in);
    const next = inner ?? (def.type === 'union' ? chooseOption(def, input) : undefined);
    if (next === undefined) return current;
    current = next;
  }
}

/** The branch of a union the input was meant for: by discriminator, else by the keys that fit best. */
function chooseOption(def: SchemaDef, input: unknown): WalkableSchema | undefined {
  const options = def.options ?? [];
  if (!isPlainObject(input)) return undefined;
  if (def.discriminator !== undefined) {
    const tag = input[def.discriminator];
    return options.find((option) => {
      const field = unwrap(option, input)._zod.def.shape?.[def.discriminator!];
      return field !== undefined && (unwrap(field, tag)._zod.values?.has(tag) ?? false);
    });
  }
  let best: WalkableSchema | undefined;
  let bestScore = -Infinity;
  for (const option of options) {
    const shape = unwrap(option, input)._zod.def.shape;
    if (shape === undefined) continue;
    const keys = Object.keys(input);
    const score = keys.filter((key) => key in shape).length - keys.filter((key) => !(key in shape)).length;
    if (score > bestScore) [best, bestScore] = [option, score];
  }
  return best;
}

/** The keys the object at `path` allows, for "did you mean". */
function knownKeys(root: WalkableSchema, doc: unknown, path: readonly Segment[]): string[] {
  let schema = unwrap(root, doc);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const def = schema._zod.def;
    const next =
      def.shape?.[String(segment)] ??
      def.element ??
      def.valueType ??
      (typeof segment === 'number' ? def.items?.[segment] : undefined);
    if (next === undefined) return [];
    schema = unwrap(next, valueAt(doc, path.slice(0, i + 1)));
  }
  return Object.keys(schema._zod.def.shape ?? {}).filter((key) => !key.startsWith('$'));
}

const isMissing = (issue: Issue): boolean => issue.code === 'invalid_type' && issue.input === undefined;

/** The issue to report: the first, except that an unknown key beats a missing key of the same object
 * (the unknown key is most likely the missing one, misspelled). */
function pickIssue(issues: readonly Issue[]): Issue | undefined {
  const first = issues[0];
  if (first === undefined || !isMissing(first)) return first;
  const parent = first.path.slice(0, -1);
  return (
    issues.find(
      (issue) =>
        issue.code === 'unrecognized_keys' &&
        issue.path.length === parent.length &&
        issue.path.every((key, i) => key === parent[i]),
    ) ?? first
  );
}

/** How well a union branch fits: minus its unknown and missing keys; -Infinity for the wrong type. */
function branchScore(issues: readonly Issue[]): number {
  let score = 0;
  for (const issue of issues) {
    if (issue.path.length === 0 && issue.code === 'invalid_type') return -Infinity;
    if (issue.path.length === 0 && issue.code === 'unrecognized_keys') score -= issue.keys.length;
    if (issue.path.length === 1 && isMissing(issue)) score -= 1;
  }
  return score;
}

// zod's own messages start like this; ours (given with `error:` in the schema) are kept as written.
const GENERIC = /^(Invalid|Too (big|small)|Unrecognized)/;

/** The ScenarioError for the first of zod's issues on `doc`. */
export function scenarioErrorFromIssues(
  issues: readonly Issue[],
  doc: unknown,
  schema: z.core.$ZodType,
  base: readonly Segment[] = [],
): ScenarioError {
  const root = schema as unknown as WalkableSchema;
  const issue = pickIssue(issues);
  if (issue === undefined) return new ScenarioError(renderPath(base), 'is not valid');
  const path = [...base, ...segmentsOf(issue.path)];
  const at = (reason: string, where: readonly Segment[] = path) =>
    new ScenarioError(renderPath(where), reason);
  const input = issue.input;

  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      const parent = valueAt(doc, path);
      const operation = isPlainObject(parent) ? parent.do : undefined;
      if (key === 'cards' && typeof operation === 'string' && path[0] === 'steps' && path.length === 2) {
        return at(`\`${operation}\` selects no cards; leave \`cards\` out`, [...path, key]);
      }
      const keys = knownKeys(root, doc, path);
      const hint = keys.length === 0 ? 'nothing is expected here' : suggestion(key, keys);
      return at(`unknown key (${hint})`, [...path, key]);
    }
    case 'invalid_union': {
      if (issue.discriminator !== undefined && issue.errors.length === 0) {
        const listed: readonly unknown[] = 'options' in issue ? (issue.options ?? []) : [];
        const options = listed.filter((o): o is string => typeof o === 'string');
        const what = issue.discriminator === 'do' ? 'operation' : issue.discriminator;
        // zod reports the whole object as the input; the value at fault is its discriminator.
        const value = isPlainObject(input) ? input[issue.discriminator] : input;
        if (value === undefined) return at(`required: one of ${options.join(', ')}`);
        if (typeof value !== 'string') return at(`expected ${what} name, not ${showValue(value)}`);
        return at(`unknown ${what} "${value}" (${suggestion(value, options)})`);
      }
      const scores = issue.errors.map(branchScore);
      const best = Math.max(...scores);
      const branch = issue.errors[scores.indexOf(best)];
      if (best === -Infinity || branch === undefined)
        return at(GENERIC.test(issue.message) ? 'has the wrong shape' : issue.message);
      return scenarioErrorFromIssues(branch, doc, schema, path);
    }
    case 'invalid_key':
    case 'invalid_element': {
      const inner = issue.issues[0];
      return at(inner && !GENERIC.test(inner.message) ? inner.message : 'is not a valid name');
    }
    default:
      if (!GENERIC.test(issue.message)) return at(issue.message);
      return at(genericReason(issue));
  }
}

// Sentences for zod's built-in checks that the schema gave no message of its own.
function genericReason(issue: Issue): string {
  const input = issue.input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return `required: ${article(issue.expected)}`;
      return `expected ${article(issue.expected)}, not ${showValue(input)}`;
    case 'invalid_value': {
      const values = issue.values.map((v) => (typeof v === 'string' ? v : String(v)));
      const near =
        typeof input === 'string' ? suggestion(input, values) : `expected one of ${values.join(', ')}`;
      return values.length === 1
        ? `must be ${showValue(issue.values[0])}`
        : `${showValue(input)} is not allowed (${near})`;
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? 'at least' : 'at most';
      const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
      return `must be ${bound} ${String(limit)}${unit}`;
    }
    case 'invalid_format':
      return `${showValue(input)} has the wrong format`;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  const words: Record<string, string> = {
    string: 'a text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    object: 'a mapping',
    array: 'a list',
  };
  return words[type] ?? type;
}
