// Recordings of every scenario of the library replay to the same events and hash; a recording with
// one operation taken out parts from the original at that operation's sim time.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseScenario } from '../scenario/parse.ts';
import { runScenario } from '../scenario/runner.ts';
import { parseRecording, Recorder, type RecordedOperation } from './recording.ts';
import { replayRecording } from './replay.ts';

const folder = new URL('../../scenarios/', import.meta.url).pathname;
const files = readdirSync(folder).filter((f) => f.endsWith('.yaml'));

function record(file: string): string[] {
  const scenario = parseScenario(parse(readFileSync(join(folder, file), 'utf8')));
  const lines: string[] = [];
  let recorder: Recorder | undefined;
  runScenario(scenario, {
    onWorld: (world) => {
      recorder = new Recorder(world, (line) => lines.push(line), {
        twin: 'test',
        seed: world.seed,
        name: scenario.name,
        scenario,
        source: 'scenario',
        events: true,
      });
    },
    onOperation: (op) =>
      recorder!.operation({
        t: op.t,
        operation: op.operation,
        cards: op.cards,
        args: op.args,
        argsForm: 'normalized',
      }),
  });
  recorder!.end();
  // Through JSON, as a file would carry it.
  return lines;
}

describe('recordings', () => {
  for (const file of files) {
    it(`${file}: replay --verify finds the same events and hash; a removed operation parts at its time`, () => {
      const lines = record(file);
      const replay = replayRecording(parseRecording(lines.join('\n')), { verify: true });
      expect(replay.divergence).toBeUndefined();
      expect(replay.hash).toBe(replay.recordedHash);
      const parsed = lines.map((l) => JSON.parse(l) as { kind: string });
      const operations = parsed.filter((l): l is RecordedOperation => l.kind === 'operation');
      if (operations.length === 0) return;
      const removed = operations[Math.floor(operations.length / 2)]!;
      const edited = lines.filter(
        (l) =>
          l !== JSON.stringify(removed) &&
          !(JSON.parse(l).kind === 'operation' && JSON.parse(l).seq === removed.seq),
      );
      const diverged = replayRecording(parseRecording(edited.join('\n')), { verify: true });
      expect(diverged.divergence, `removing operation ${removed.seq} (${removed.operation})`).toBeDefined();
      expect(diverged.divergence!.t).toBe(removed.t);
    });
  }

  it('refuses what is not a recording, naming the line', () => {
    expect(() => parseRecording('{"kind":"event","line":"x"}')).toThrow(
      /line 1: a recording starts with its header/,
    );
    expect(() => parseRecording('not json')).toThrow(/line 1: not JSON/);
  });
});
