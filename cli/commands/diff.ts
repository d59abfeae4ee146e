// `cardtwin diff a.ndjson b.ndjson`: where two recorded runs part, and what differs in the fleet at
// the end. Exit 0 when they are the same run, 1 when they differ.
import { parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { readRecording } from '../recording-file.ts';
import type {
  RecordedCheckpoint,
  RecordedEnd,
  RecordedOperation,
  RecordingHeader,
  RecordingLine,
} from '../../sim/record/recording.ts';
import { formatDateTime } from '../../sim/time/calendar.ts';

export const diffHelp = `Usage: cardtwin diff <a.ndjson> <b.ndjson> [--json]

Compares two recordings: their scenario and seed, their outside operations, the first event (or
checkpoint) where the runs part, and the fleet at the end (cards whose status differs).`;

interface Side {
  header: RecordingHeader;
  operations: RecordedOperation[];
  events: Map<number, string>;
  checkpoints: RecordedCheckpoint[];
  end: RecordedEnd | undefined;
}

function side(lines: RecordingLine[]): Side {
  const events = new Map<number, string>();
  for (const l of lines) if (l.kind === 'event') events.set(Number(/"seq":(\d+)/.exec(l.line)?.[1]), l.line);
  return {
    header: lines[0] as RecordingHeader,
    operations: lines.filter((l): l is RecordedOperation => l.kind === 'operation'),
    events,
    checkpoints: lines.filter((l): l is RecordedCheckpoint => l.kind === 'checkpoint'),
    end: lines.find((l): l is RecordedEnd => l.kind === 'end'),
  };
}

export async function diffCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('diff', args, {
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(diffHelp);
    return EXIT.ok;
  }
  if (positionals.length !== 2) throw new UsageError('cardtwin diff: name two recording files');
  const [a, b] = positionals.map((file) => side(readRecording('diff', file))) as [Side, Side];
  const report = compare(a, b);
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else {
    for (const line of report.lines) io.out(line);
  }
  return report.same ? EXIT.ok : EXIT.failed;
}

function compare(a: Side, b: Side) {
  const lines: string[] = [];
  const differences: Record<string, unknown> = {};
  if (a.header.seed !== b.header.seed) {
    lines.push(`seed: ${a.header.seed} / ${b.header.seed}`);
    differences.seed = [a.header.seed, b.header.seed];
  }
  if (JSON.stringify(a.header.scenario) !== JSON.stringify(b.header.scenario)) {
    lines.push(`scenario: different (${a.header.name} / ${b.header.name})`);
    differences.scenario = [a.header.name, b.header.name];
  }
  const opCount = Math.max(a.operations.length, b.operations.length);
  for (let i = 0; i < opCount; i++) {
    const x = a.operations[i];
    const y = b.operations[i];
    const show = (o: RecordedOperation | undefined) =>
      o
        ? `${formatDateTime(o.t)} ${o.operation} ${JSON.stringify(o.cards)} ${JSON.stringify(o.args)}`
        : '(none)';
    if (JSON.stringify({ ...x, seq: 0 }) !== JSON.stringify({ ...y, seq: 0 })) {
      lines.push(`operations part at #${i + 1}:`, `  a: ${show(x)}`, `  b: ${show(y)}`);
      differences.operation = { index: i + 1, a: x, b: y };
      break;
    }
  }
  // The first event where the streams part; without events, the first checkpoint.
  if (a.events.size > 0 && b.events.size > 0) {
    const last = Math.max(...a.events.keys(), ...b.events.keys());
    for (let seq = 1; seq <= last; seq++) {
      const x = a.events.get(seq);
      const y = b.events.get(seq);
      if (x !== y) {
        const t = Number(/"t":(\d+)/.exec(x ?? y ?? '')?.[1] ?? 0);
        lines.push(
          `runs part at event ${seq} (${formatDateTime(t)}):`,
          `  a: ${x ?? '(no event)'}`,
          `  b: ${y ?? '(no event)'}`,
        );
        differences.event = { seq, t, a: x ?? null, b: y ?? null };
        break;
      }
    }
  } else {
    const n = Math.min(a.checkpoints.length, b.checkpoints.length);
    for (let i = 0; i < n; i++) {
      if (a.checkpoints[i]!.hash !== b.checkpoints[i]!.hash || a.checkpoints[i]!.t !== b.checkpoints[i]!.t) {
        lines.push(`runs part before ${formatDateTime(a.checkpoints[i]!.t)} (checkpoint ${i + 1})`);
        differences.checkpoint = { index: i + 1, t: a.checkpoints[i]!.t };
        break;
      }
    }
  }
  if (a.end && b.end) {
    if (a.end.hash !== b.end.hash) lines.push(`final hash: ${a.end.hash} / ${b.end.hash}`);
    const cards = new Set([...Object.keys(a.end.cards), ...Object.keys(b.end.cards)]);
    const changed: { iccid: string; a: string | null; b: string | null }[] = [];
    for (const iccid of cards) {
      const x = a.end.cards[iccid] ?? null;
      const y = b.end.cards[iccid] ?? null;
      if (x !== y) changed.push({ iccid, a: x, b: y });
    }
    if (changed.length > 0) {
      lines.push(`at the end, ${changed.length} card(s) differ:`);
      for (const c of changed.slice(0, 20))
        lines.push(`  ${c.iccid}: ${c.a ?? '(absent)'} / ${c.b ?? '(absent)'}`);
      if (changed.length > 20) lines.push(`  … and ${changed.length - 20} more`);
      differences.cards = changed;
    }
  }
  const same = Object.keys(differences).length === 0 && a.end?.hash === b.end?.hash;
  if (same) lines.push(`same run: ${a.end?.events ?? '?'} events, hash ${a.end?.hash ?? '?'}`);
  return { same, differences, lines };
}
