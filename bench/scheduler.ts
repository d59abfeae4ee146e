// Benchmark of sim/time/scheduler.ts: schedule n timers at seeded random times over one sim year,
// then runUntil the end. Run with `npx tsx bench/scheduler.ts`.
//
// If schedule and pop are O(log n), ns per event grows like log2(n), so the last column
// (ns per event / log2 n) should stay roughly flat; in practice it roughly doubles at 1,000,000,
// where the heap's 20 MB of arrays outgrow the CPU caches and every level of a pop is a miss. Each row is the fastest of a few repetitions, to keep the garbage
// collector and the JIT warming up out of the comparison.
import { performance } from 'node:perf_hooks';
import { Scheduler } from '../sim/time/scheduler.ts';

const startTime = Date.UTC(2025, 0, 1);
const spanMs = 365 * 24 * 60 * 60 * 1000;
const repetitions = 3;

// A tiny LCG (Numerical Recipes constants) so every run schedules the same times, without
// Math.random. Returns whole milliseconds in [0, spanMs).
function makeLcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 4294967296) * spanMs);
  };
}

interface Row {
  n: number;
  cancelledShare: number;
  scheduleMs: number;
  runMs: number;
  ran: number;
}

function measureOnce(n: number, cancelledShare: number, seed: number): Row {
  const next = makeLcg(seed);
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = startTime + next();
  const ids = new Float64Array(n);
  let calls = 0;
  // One shared callback, so the benchmark measures the scheduler rather than closure allocation.
  const onTimer = (): void => {
    calls++;
  };
  // Cancel every k-th timer: k = 2 cancels half of them.
  const cancelEvery = cancelledShare > 0 ? Math.round(1 / cancelledShare) : 0;

  const scheduler = new Scheduler(startTime);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) ids[i] = scheduler.schedule(times[i]!, onTimer);
  if (cancelEvery > 0) for (let i = 0; i < n; i += cancelEvery) scheduler.cancel(ids[i]!);
  const t1 = performance.now();
  const ran = scheduler.runUntil(startTime + spanMs);
  const t2 = performance.now();

  const expected = cancelEvery > 0 ? n - Math.ceil(n / cancelEvery) : n;
  if (ran !== expected || calls !== expected || scheduler.pending !== 0) {
    throw new Error(`n=${n}: ran ${ran}, calls ${calls}, pending ${scheduler.pending}; expected ${expected}`);
  }
  return { n, cancelledShare, scheduleMs: t1 - t0, runMs: t2 - t1, ran };
}

function measure(n: number, cancelledShare: number): Row {
  let best: Row | undefined;
  for (let r = 0; r < repetitions; r++) {
    const row = measureOnce(n, cancelledShare, 12345);
    if (best === undefined || row.scheduleMs + row.runMs < best.scheduleMs + best.runMs) best = row;
  }
  return best!;
}

function formatRow(row: Row): string {
  const totalMs = row.scheduleMs + row.runMs;
  const nsPerEvent = (totalMs * 1e6) / row.n;
  const cells = [
    row.n.toLocaleString('en-US').padStart(10),
    `${Math.round(row.cancelledShare * 100)}%`.padStart(9),
    row.scheduleMs.toFixed(1).padStart(11),
    row.runMs.toFixed(1).padStart(9),
    totalMs.toFixed(1).padStart(10),
    nsPerEvent.toFixed(0).padStart(8),
    (nsPerEvent / Math.log2(row.n)).toFixed(1).padStart(13),
  ];
  return `| ${cells.join(' | ')} |`;
}

measure(10_000, 0); // warm the JIT before the first reported row

console.log(`scheduler benchmark, node ${process.version}, best of ${repetitions}`);
console.log('|          n | cancelled | schedule ms |   run ms |  total ms | ns/event | ns/ev/log2 n |');
console.log('|-----------:|----------:|------------:|---------:|----------:|---------:|-------------:|');
for (const [n, cancelledShare] of [
  [10_000, 0],
  [100_000, 0],
  [1_000_000, 0],
  [1_000_000, 0.5],
] as const) {
  console.log(formatRow(measure(n, cancelledShare)));
}
// resourceUsage().maxRSS is in kilobytes.
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
