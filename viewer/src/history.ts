// A bounded history of samples over sim time, for the charts: it keeps the whole span since the page
// opened in at most `capacity` points. When full it drops every other point and doubles the spacing it
// asks of new samples, so a year at 1mo/s and an hour at 1h/s both fit, and memory stays flat.

export interface Sample<V> {
  readonly t: number;
  readonly value: V;
}

export class BoundedHistory<V> {
  private samples: Sample<V>[] = [];
  private spacingMs: number;

  constructor(
    readonly capacity = 360,
    readonly initialSpacingMs = 0,
  ) {
    this.spacingMs = initialSpacingMs;
  }

  get length(): number {
    return this.samples.length;
  }

  get points(): readonly Sample<V>[] {
    return this.samples;
  }

  get last(): Sample<V> | undefined {
    return this.samples[this.samples.length - 1];
  }

  /**
   * Add a sample. Samples closer than the current spacing to the last kept one replace it unless
   * `keep` (a moment worth keeping exactly, such as a pool running dry). Time never goes back within
   * one run: an older sample is ignored.
   */
  add(t: number, value: V, keep = false): boolean {
    const last = this.last;
    if (last && t < last.t) return false;
    if (last && t === last.t) {
      // The clock did not move (paused): the newest value replaces the last, adding nothing.
      this.samples[this.samples.length - 1] = { t, value };
      return true;
    }
    const previous = this.samples[this.samples.length - 2];
    if (last && !keep && previous && t - previous.t < this.spacingMs && t - last.t < this.spacingMs) {
      // Coalesce: move the newest point instead of adding one, so the line's end is always current.
      this.samples[this.samples.length - 1] = { t, value };
      return true;
    }
    this.samples.push({ t, value });
    if (this.samples.length > this.capacity) this.halve();
    return true;
  }

  clear(): void {
    this.samples = [];
    this.spacingMs = this.initialSpacingMs;
  }

  private halve(): void {
    const kept: Sample<V>[] = [];
    const lastIndex = this.samples.length - 1;
    this.samples.forEach((sample, i) => {
      if (i % 2 === 0 || i === lastIndex) kept.push(sample);
    });
    const span = (kept[kept.length - 1]?.t ?? 0) - (kept[0]?.t ?? 0);
    this.spacingMs = Math.max(this.spacingMs * 2, span / this.capacity);
    this.samples = kept;
  }
}
