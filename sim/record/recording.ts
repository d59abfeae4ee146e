// Recordings (NDJSON): everything needed to reproduce a run exactly and to find where another run
// parts from it. One JSON object per line, each with a `kind`:
//   header      format and twin version, the normalized scenario, the seed, where it came from, and
//               for a fork of a live run (server/README.md) the seeds it took on and from when
//   operation   an operation that came from outside the world (a scenario step, an API call, a click),
//               with its sim time, the ICCIDs it acted on and its arguments
//   event       every event of the run, canonical, in order (optional: left out of huge live runs)
//   checkpoint  sim time, events so far and the run hash so far, at every sim day
//   end         the final sim time, event count and hash, and the fleet's statuses at the end
// The writer is injected (a file in cli/, an HTTP response in server/): sim/ does no I/O.
import type { Reseed } from './reseeds.ts';
import type { World } from '../world.ts';
import { canonicalJson, type CanonicalValue } from './canonical.ts';
import { eventLine, type SimEvent } from './event.ts';

export const RECORDING_FORMAT = 'cardtwin-recording';
export const RECORDING_VERSION = 1;

export interface RecordingHeader {
  readonly kind: 'header';
  readonly format: typeof RECORDING_FORMAT;
  readonly version: number;
  readonly twin: string;
  readonly seed: number;
  readonly name: string;
  /** The scenario, normalized (times in epoch ms, vouchers parsed). */
  readonly scenario: unknown;
  /** `scenario` (a file run with cardtwin run) or `live` (a server session). */
  readonly source: 'scenario' | 'live';
  readonly file?: string;
  readonly events: boolean;
  /** A forked live run: from each sim time on, the world drew from another seed (World.reseed). */
  readonly reseeds?: readonly Reseed[];
}

export interface RecordedOperation {
  readonly kind: 'operation';
  readonly seq: number;
  readonly t: number;
  readonly operation: string;
  readonly cards: readonly string[] | null;
  readonly args: unknown;
  /** `normalized` (a scenario step's, ready to perform) or `raw` (as an API received it). */
  readonly argsForm: 'normalized' | 'raw';
  readonly by?: string;
  readonly source?: string;
}

export interface RecordedCheckpoint {
  readonly kind: 'checkpoint';
  readonly t: number;
  readonly events: number;
  readonly hash: string;
}

export interface RecordedEnd {
  readonly kind: 'end';
  readonly t: number;
  readonly events: number;
  readonly hash: string;
  /** Each card's specific status at the end, by ICCID (for diff). */
  readonly cards: Readonly<Record<string, string>>;
}

export interface RecordedEvent {
  readonly kind: 'event';
  /** The event's canonical line, as hashed. */
  readonly line: string;
}

export type RecordingLine =
  RecordingHeader | RecordedOperation | RecordedEvent | RecordedCheckpoint | RecordedEnd;

/** Writes a recording of a world as it runs: subscribe first, then feed it the outside operations. */
export class Recorder {
  private operations = 0;
  private lastCheckpointDay = -1;

  constructor(
    private readonly world: World,
    private readonly write: (line: string) => void,
    header: Omit<RecordingHeader, 'kind' | 'format' | 'version'>,
  ) {
    this.write(
      JSON.stringify({ kind: 'header', format: RECORDING_FORMAT, version: RECORDING_VERSION, ...header }),
    );
    world.events$.subscribe((event) => this.onEvent(event, header.events));
  }

  operation(input: Omit<RecordedOperation, 'kind' | 'seq'>): void {
    this.write(JSON.stringify({ kind: 'operation', seq: ++this.operations, ...input }));
  }

  end(): void {
    const cards: Record<string, string> = {};
    for (const card of this.world.cards) cards[card.iccid] = card.view.specificStatus;
    this.write(
      JSON.stringify({
        kind: 'end',
        t: this.world.now(),
        events: this.world.eventCount,
        hash: this.world.hash(),
        cards,
      }),
    );
  }

  private onEvent(event: SimEvent, withEvents: boolean): void {
    if (withEvents) this.write(`{"kind":"event","line":${JSON.stringify(eventLine(event))}}`);
    // A checkpoint at the first event of each sim day: the hash of everything before it.
    const day = Math.floor((event.t + 8 * 3_600_000) / 86_400_000);
    if (day !== this.lastCheckpointDay) {
      if (this.lastCheckpointDay !== -1)
        this.write(
          JSON.stringify({ kind: 'checkpoint', t: event.t, events: event.seq - 1, hash: this.hashBefore }),
        );
      this.lastCheckpointDay = day;
    }
    this.hashBefore = this.world.hash();
  }

  private hashBefore = '';
}

/** Read a recording's lines; a line that is not a recording line is a clear error with its number. */
export function parseRecording(text: string): RecordingLine[] {
  const lines: RecordingLine[] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new RecordingError(`line ${index + 1}: not JSON`);
    }
    const kind = (value as { kind?: unknown }).kind;
    if (!['header', 'operation', 'event', 'checkpoint', 'end'].includes(String(kind))) {
      throw new RecordingError(`line ${index + 1}: unknown kind ${JSON.stringify(kind)}`);
    }
    if (index === 0 && kind !== 'header')
      throw new RecordingError('line 1: a recording starts with its header');
    lines.push(value as RecordingLine);
  });
  const header = lines[0] as RecordingHeader | undefined;
  if (!header || header.format !== RECORDING_FORMAT)
    throw new RecordingError('not a cardtwin recording (no header)');
  if (header.version !== RECORDING_VERSION)
    throw new RecordingError(
      `recording format version ${header.version}; this twin reads ${RECORDING_VERSION}`,
    );
  return lines;
}

export class RecordingError extends Error {
  override name = 'RecordingError';
}

/** For messages: a canonical value, compact. */
export function show(value: CanonicalValue): string {
  return canonicalJson(value);
}
