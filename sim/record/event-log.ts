// The run's event log: numbers events, feeds the run hash, and hands each event to its observers.
import { Subject, type Observable } from 'rxjs';
import type { CanonicalValue } from './canonical.ts';
import { EventBytes } from './event-bytes.ts';
import type { SimEvent } from './event.ts';
import { RunHash, type RunHashState } from './run-hash.ts';

export interface EventLogState {
  readonly nextSeq: number;
  readonly hash: RunHashState;
}

export class EventLog {
  private hash = new RunHash();
  private readonly bytes = new EventBytes();
  private readonly subject = new Subject<SimEvent>();
  private nextSeq = 1;

  /** Every event of the run, as it happens. */
  readonly events$: Observable<SimEvent> = this.subject.asObservable();

  append<Type extends string, Payload extends CanonicalValue>(
    t: number,
    type: Type,
    subject: string,
    payload: Payload,
  ): SimEvent<Type, Payload> {
    const event: SimEvent<Type, Payload> = { t, seq: this.nextSeq++, type, subject, payload };
    this.hash.updateBytes(this.bytes.encode(event));
    if (this.subject.observed) this.subject.next(event);
    return event;
  }

  /** Events appended so far. */
  get count(): number {
    return this.nextSeq - 1;
  }

  /** The run hash so far, hex. */
  hashHex(): string {
    return this.hash.hex();
  }

  save(): EventLogState {
    return { nextSeq: this.nextSeq, hash: this.hash.save() };
  }

  /** Continue numbering and hashing exactly where a saved log stood; observers stay subscribed. */
  restore(state: EventLogState): void {
    this.nextSeq = state.nextSeq;
    this.hash = RunHash.restore(state.hash);
  }

  complete(): void {
    this.subject.complete();
  }
}
