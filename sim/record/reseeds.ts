// A forked run's new seeds (World.reseed), each taken at its sim time after every operation at that
// very time, as the server took it. A replay of a recording and the server's rebuild of a run both
// go through here, so the two cannot take them differently.
import type { World } from '../world.ts';

/** From sim time `at` the world draws from `seed`. */
export interface Reseed {
  readonly at: number;
  readonly seed: number;
}

export class Reseeds {
  private readonly pending: Reseed[];

  /** `runTo` moves the run's clock (steps included) to a sim time. */
  constructor(
    reseeds: readonly Reseed[],
    private readonly world: World,
    private readonly runTo: (t: number) => void,
  ) {
    this.pending = [...reseeds];
  }

  /** Before an operation at `t`: the seeds due strictly before it. */
  before(t: number): void {
    this.take((at) => at < t);
  }

  /** At the end, `t`: every seed due at or before it. */
  through(t: number): void {
    this.take((at) => at <= t);
  }

  private take(due: (at: number) => boolean): void {
    while (this.pending[0] && due(this.pending[0].at)) {
      const { at, seed } = this.pending.shift()!;
      this.runTo(at);
      this.world.reseed(seed);
    }
  }
}
