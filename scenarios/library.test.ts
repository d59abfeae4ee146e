// The scenario library (scenarios/*.yaml, not examples/): every file must validate and pass with its
// own seed. One test per file, named with the file and the rule ids its `name:` carries (RULES.md), so
// `npx vitest run -t L13` runs the scenarios that prove L13. A failure names every expectation that
// did not hold (path, expected, found) and every step that failed, with the command to reproduce it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseScenario } from '../sim/scenario/parse.ts';
import { runScenario } from '../sim/scenario/runner.ts';
import type { ScenarioRunResult } from '../sim/scenario/run-types.ts';
import { formatDateTime } from '../sim/time/calendar.ts';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((file) => file.endsWith('.yaml'))
  .sort();

// The rule ids of RULES.md (I1-I5, V1-V6, S1-S2, L1-L15, M1-M3, T1-T5, P1-P4, C1-C9, D1-D3, F1-F3);
// T0 (the order date) or a pool named P9 in a name is not one of them.
const RULE_ID = /\b(?:I[1-5]|V[1-6]|S[12]|L1[0-5]|L[1-9]|M[1-3]|T[1-5]|P[1-4]|C[1-9]|D[1-3]|F[1-3])\b/g;

function ruleIdsOf(name: string): string[] {
  return [...new Set(name.match(RULE_ID) ?? [])];
}

/** The scenario's name as written in the file, read without validating (for the test's own name). */
function nameOf(file: string): string {
  const doc: unknown = parse(readFileSync(join(here, file), 'utf8'));
  const name = typeof doc === 'object' && doc !== null ? (doc as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? name : '';
}

/** Everything that went wrong in a run, one line each, for the assertion message. */
function failuresOf(file: string, result: ScenarioRunResult): string {
  const lines: string[] = [];
  for (const e of result.expectations) {
    if (e.passed) continue;
    lines.push(
      `${e.path} at ${formatDateTime(e.at)}: ${e.description}; expected ${e.expected}; found ${e.found}`,
    );
  }
  for (const s of result.stepFailures) {
    const cards = s.cards
      .slice(0, 3)
      .map((c) => `${c.card} ${c.code}`)
      .join(', ');
    lines.push(
      `${s.path} (${s.operation}) at ${formatDateTime(s.at)}: ${s.reason}${cards ? ` [${cards}]` : ''}`,
    );
  }
  lines.push(
    `reproduce: npx cardtwin run ${relative(process.cwd(), join(here, file))} --seed ${result.seed}`,
  );
  return lines.join('\n');
}

describe('scenario library', () => {
  it('has scenarios, each named with the rule ids it proves', () => {
    expect(files.length).toBeGreaterThan(0);
    const unnamed = files.filter((file) => ruleIdsOf(nameOf(file)).length === 0);
    expect(unnamed, 'scenarios whose name carries no rule id of RULES.md').toEqual([]);
  });

  for (const file of files) {
    const ids = ruleIdsOf(nameOf(file));
    it(`${file} (${ids.join(' ')})`, () => {
      const scenario = parseScenario(parse(readFileSync(join(here, file), 'utf8')));
      const result = runScenario(scenario);
      expect(result.passed, `${file} failed:\n${failuresOf(file, result)}`).toBe(true);
      // A passing run checked something: a library scenario without expectations proves nothing.
      expect(result.expectations.length, `${file} has no expectations`).toBeGreaterThan(0);
    });
  }
});
