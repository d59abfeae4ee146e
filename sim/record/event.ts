// The typed envelope every state change of the twin travels in (RULES.md S2, ARCHITECTURE.md Determinism).
import { canonicalJson, type CanonicalValue } from './canonical.ts';

/** Who caused a change: S2 names user, system and carrier; `world` is the devices and networks. */
export type Actor = 'user' | 'system' | 'carrier' | 'world';

export interface SimEvent<Type extends string = string, Payload extends CanonicalValue = CanonicalValue> {
  /** Sim time, epoch ms. */
  readonly t: number;
  /** Position in the run: strictly increasing, so (t, seq) orders every event. */
  readonly seq: number;
  readonly type: Type;
  /** What the event is about: a card's ICCID, a pool ID, `clock`, `run`. */
  readonly subject: string;
  readonly payload: Payload;
}

/**
 * The event as it is hashed and recorded: one canonical JSON line, keys sorted.
 * Written out by hand because it runs once per event; a test keeps it equal to canonicalJson(event).
 */
export function eventLine(event: SimEvent): string {
  return (
    `{"payload":${canonicalJson(event.payload)},"seq":${event.seq},` +
    `"subject":${JSON.stringify(event.subject)},"t":${event.t},"type":${JSON.stringify(event.type)}}`
  );
}
