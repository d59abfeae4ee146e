// Loads scenario files (YAML, JSON, TypeScript) and turns every mistake into one line that names
// the file, the place inside it and, for YAML, the line and column.
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ScenarioError } from '../sim/scenario/errors.ts';
import { parseScenario } from '../sim/scenario/parse.ts';
import type { Scenario } from '../sim/scenario/types.ts';

export class ScenarioFileError extends Error {
  override name = 'ScenarioFileError';
}

export interface LoadedScenario {
  readonly file: string;
  readonly scenario: Scenario;
}

export async function loadScenarioFile(file: string): Promise<LoadedScenario> {
  const ext = extname(file).toLowerCase();
  if (!['.yaml', '.yml', '.json', '.ts', '.mts', '.js', '.mjs'].includes(ext)) {
    throw new ScenarioFileError(`${file}: not a scenario file (expected .yaml, .yml, .json or .ts)`);
  }
  if (ext === '.ts' || ext === '.mts' || ext === '.js' || ext === '.mjs') return loadModule(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new ScenarioFileError(
      `${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? error})`}`,
    );
  }
  return ext === '.json' ? loadJson(file, text) : loadYaml(file, text);
}

function loadJson(file: string, text: string): LoadedScenario {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ScenarioFileError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  // JSON is YAML too: the YAML parser gives the line and column of a place, as for YAML files.
  const lineCounter = new LineCounter();
  const positions = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  return { file, scenario: check(file, doc, placeIn(positions, lineCounter)) };
}

/** `:line:column` of the place a path names, or nothing when the document cannot say. */
function placeIn(doc: Document, lineCounter: LineCounter): (path: string) => string {
  return (path) => {
    const offset = offsetOf(doc, path);
    if (offset === undefined) return '';
    const { line, col } = lineCounter.linePos(offset);
    return `:${line}:${col}`;
  };
}

function loadYaml(file: string, text: string): LoadedScenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    throw new ScenarioFileError(`${file}:${line}:${col}: not valid YAML (${first.message.split('\n')[0]})`);
  }
  return { file, scenario: check(file, doc.toJS(), placeIn(doc, lineCounter)) };
}

// TypeScript (and JavaScript) scenarios are modules whose default export is the scenario, usually
// written with defineScenario; they are imported (tsx or vitest compile them) and checked like YAML.
async function loadModule(file: string): Promise<LoadedScenario> {
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(resolve(file)).href)) as { default?: unknown };
  } catch (error) {
    const message = (error as Error).message?.split('\n')[0] ?? String(error);
    throw new ScenarioFileError(`${file}: cannot load (${message})`);
  }
  if (module.default === undefined) {
    throw new ScenarioFileError(
      `${file}: has no default export (write \`export default defineScenario({...})\`)`,
    );
  }
  return { file, scenario: check(file, module.default, () => '') };
}

function check(file: string, doc: unknown, where: (path: string) => string): Scenario {
  try {
    return parseScenario(doc);
  } catch (error) {
    if (error instanceof ScenarioError)
      throw new ScenarioFileError(`${file}${where(error.path)}: ${error.message}`);
    throw error;
  }
}

/** The source offset of the place a path names: the key for a mapping entry, else the item. */
function offsetOf(doc: Document, path: string): number | undefined {
  const segments = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[2] !== undefined ? Number(m[2]) : m[1]!,
  );
  let node: unknown = doc.contents;
  let offset: number | undefined = (doc.contents as Node | null)?.range?.[0];
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === segment);
      if (!pair) return offset;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}
