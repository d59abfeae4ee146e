// A world run live: the sim clock advances with wall time at a chosen speed, in small slices so
// the server stays responsive. The wall clock is read here, in server/, never in sim/.
import { World, type WorldOptions } from '../sim/world.ts';

export interface LiveRunOptions extends WorldOptions {
  /** Sim milliseconds per wall second. */
  readonly speedMsPerSecond: number;
  /** Wall milliseconds between slices. */
  readonly sliceMs?: number;
}

export class LiveRun {
  readonly world: World;
  private speedMsPerSecond: number;
  private timer: NodeJS.Timeout | undefined;
  private lastWallMs = 0;

  constructor(private readonly options: LiveRunOptions) {
    this.world = new World(options);
    this.speedMsPerSecond = options.speedMsPerSecond;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  get speed(): number {
    return this.speedMsPerSecond;
  }

  play(): void {
    if (this.timer) return;
    this.lastWallMs = performance.now();
    this.timer = setInterval(() => this.slice(), this.options.sliceMs ?? 100);
  }

  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private slice(): void {
    const wallMs = performance.now();
    const simMs = Math.floor(((wallMs - this.lastWallMs) / 1000) * this.speedMsPerSecond);
    if (simMs <= 0) return;
    this.lastWallMs = wallMs;
    this.world.runUntil(this.world.now() + simMs);
  }
}
