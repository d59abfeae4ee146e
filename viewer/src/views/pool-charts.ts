// Pools over sim time: one line chart per pool of the data it has left this month, from the pool's
// level history (GET /api/pools/:id) and then the ticks. The moment a pool runs dry is marked with a
// labelled line and red points: a pooled plan (UP/UPG) suspends its cards then (P2), a same-tier pool
// (SF/SFD) goes into overage (P1).
import { api } from '../api.ts';
import type { App } from '../app.ts';
import {
  Chart,
  chartMarkers,
  markerPlugin,
  simTimeAxis,
  simTimeTooltipTitle,
  type Marker,
} from '../charts.ts';
import { h } from '../dom.ts';
import { amountMB, simDateTime, simMonth } from '../format.ts';
import { BoundedHistory } from '../history.ts';
import type { StreamEvent, TickPool } from '../types.ts';

const REDRAW_MS = 1000;

const unitOf = (sizeMB: number) => (sizeMB >= 10_240 ? { name: 'GB', mb: 1024 } : { name: 'MB', mb: 1 });

interface PoolChart {
  readonly id: string;
  readonly figure: HTMLElement;
  readonly chart: Chart<'line', { x: number; y: number }[]>;
  readonly history: BoundedHistory<number>;
  readonly markers: Marker[];
  readonly caption: HTMLElement;
  readonly state: HTMLElement;
  kind: TickPool['kind'];
  sizeMB: number;
  empty: boolean;
  minRemaining: number;
  maxRemaining: number;
  dirty: boolean;
}

export function poolCharts(app: App): HTMLElement {
  const grid = h('div', { className: 'pool-grid' });
  const none = h('p', { className: 'muted' }, 'This run has no pools.');
  const charts = new Map<string, PoolChart>();
  let lastDraw = 0;
  let generation = 0;

  const emptyLabel = (pool: PoolChart) => (pool.kind === 'pooled' ? 'empty' : 'overage');

  const mark = (pool: PoolChart, t: number) => {
    // One marker per month and pool: an event's exact time replaces a tick's approximate one.
    const month = simMonth(t);
    const same = pool.markers.findIndex((m) => simMonth(m.t) === month);
    const marker = { t, label: emptyLabel(pool) };
    if (same >= 0) {
      if (t < pool.markers[same]!.t) pool.markers[same] = marker;
    } else pool.markers.push(marker);
    pool.markers.sort((a, b) => a.t - b.t);
    pool.history.add(t, 0, true);
    pool.dirty = true;
  };

  const add = (pool: TickPool): PoolChart => {
    const canvas = h('canvas', { role: 'img', 'aria-label': `Pool ${pool.id}: data left over sim time` });
    const caption = h('p', { className: 'chart-summary' });
    const state = h('span', { className: 'pool-state' });
    const figure = h(
      'figure',
      { className: 'pool-chart', 'data-pool': pool.id },
      h(
        'figcaption',
        {},
        h('strong', {}, pool.id),
        ' ',
        h(
          'span',
          { className: 'muted' },
          pool.kind === 'pooled' ? 'pooled plan (UP/UPG)' : 'same-tier pool (SF/SFD)',
        ),
        ' ',
        state,
      ),
      h('div', { className: 'chart-box small' }, canvas),
      caption,
    );
    const markers: Marker[] = [];
    // eslint-disable-next-line prefer-const -- the tooltip reads the entry made after the chart.
    let entry: PoolChart;
    const chart = new Chart<'line', { x: number; y: number }[]>(canvas, {
      type: 'line',
      data: {
        datasets: [
          {
            label: 'Data left (MB)',
            data: [],
            borderColor: '#1c7ed6',
            backgroundColor: 'rgba(28, 126, 214, 0.12)',
            fill: 'origin',
            borderWidth: 1.5,
            tension: 0,
            pointRadius: 0,
            pointHitRadius: 6,
            // While empty the line runs red along zero.
            segment: {
              borderColor: (ctx) => (ctx.p0.parsed.y === 0 && ctx.p1.parsed.y === 0 ? '#c92a2a' : undefined),
              borderWidth: (ctx) => (ctx.p0.parsed.y === 0 && ctx.p1.parsed.y === 0 ? 3 : undefined),
            },
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: simTimeAxis(),
          y: {
            beginAtZero: true,
            ticks: { maxTicksLimit: 4 },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: simTimeTooltipTitle,
              label: (item) => `${amountMB((item.parsed.y ?? 0) * unitOf(entry.sizeMB).mb)} left`,
            },
          },
        },
      },
      plugins: [markerPlugin as never],
    });
    chartMarkers.set(chart, markers);
    entry = {
      id: pool.id,
      figure,
      chart,
      history: new BoundedHistory<number>(360),
      markers,
      caption,
      state,
      kind: pool.kind,
      sizeMB: pool.sizeMB,
      empty: false,
      minRemaining: Infinity,
      maxRemaining: -Infinity,
      dirty: true,
    };
    charts.set(pool.id, entry);
    none.hidden = true;
    grid.appendChild(figure);
    return entry;
  };

  const sample = (pool: PoolChart, t: number, remainingMB: number, exhausted: boolean) => {
    const empty = exhausted || remainingMB <= 0;
    if (empty && !pool.empty) mark(pool, t);
    else pool.history.add(t, Math.max(0, remainingMB), empty);
    pool.empty = empty;
    pool.minRemaining = Math.min(pool.minRemaining, remainingMB);
    pool.maxRemaining = Math.max(pool.maxRemaining, remainingMB);
    pool.dirty = true;
  };

  const draw = (pool: PoolChart) => {
    pool.dirty = false;
    const dataset = pool.chart.data.datasets[0]!;
    // The y axis in MB or GB, whichever gives plain numbers, up to the pool's size.
    const unit = unitOf(pool.sizeMB);
    dataset.data = pool.history.points.map((p) => ({ x: p.t, y: p.value / unit.mb }));
    const scales = pool.chart.options.scales!;
    Object.assign(scales.y!, { max: Math.max(pool.sizeMB, pool.maxRemaining) / unit.mb });
    Object.assign(scales.y!.ticks!, {
      callback: (value: number | string) =>
        `${Number(value).toLocaleString('en-US', { maximumFractionDigits: 1 })} ${unit.name}`,
    });
    const points = pool.history.points;
    Object.assign(scales.x!, { min: points[0]?.t, max: points[points.length - 1]?.t });
    pool.chart.update('none');
    const last = pool.history.last;
    const remaining = last?.value ?? 0;
    const share = pool.sizeMB > 0 ? Math.round((remaining / pool.sizeMB) * 100) : 0;
    const dry = pool.markers.slice(-3).map((m) => simDateTime(m.t));
    pool.caption.textContent =
      `${amountMB(remaining)} of ${amountMB(pool.sizeMB)} left (${share} %)` +
      (dry.length ? ` · ran dry: ${dry.join(', ')}` : '');
    pool.state.textContent = pool.empty
      ? pool.kind === 'pooled'
        ? 'Empty: cards suspended'
        : 'Used up: overage'
      : '';
    pool.state.className = pool.empty ? 'pool-state empty' : 'pool-state';
    pool.figure.dataset.remainingMb = String(remaining);
    pool.figure.dataset.minRemainingMb = String(pool.minRemaining);
    pool.figure.dataset.maxRemainingMb = String(pool.maxRemaining);
    pool.figure.dataset.points = String(pool.history.length);
    pool.figure.dataset.emptied = String(pool.markers.length);
    pool.figure.dataset.emptiedAt = pool.markers.map((m) => simDateTime(m.t)).join(', ');
  };

  const drawAll = (force = false) => {
    if (!app.isShown('fleet') && !force) return;
    if (!force && performance.now() - lastDraw < REDRAW_MS) return;
    lastDraw = performance.now();
    for (const pool of charts.values()) if (pool.dirty) draw(pool);
  };

  const backfill = async (pool: PoolChart, runGeneration: number) => {
    try {
      const details = await api.pool(pool.id);
      if (runGeneration !== generation) return;
      const live = pool.history.points.slice();
      pool.history.clear();
      pool.empty = false;
      for (const level of details.levels) {
        if (live[0] && level.t >= live[0].t) break;
        sample(pool, level.t, level.sizeMB - level.usedMB, false);
      }
      for (const point of live) pool.history.add(point.t, point.value, point.value === 0);
      pool.empty = (live[live.length - 1]?.value ?? 1) <= 0 || pool.empty;
      pool.dirty = true;
      drawAll(true);
    } catch {
      // The history is a nicety: the ticks go on drawing the pool without it.
    }
  };

  // The exact moment a pool runs dry comes as an event; ticks only see it on their next sample.
  app.stream.want('pools', { types: ['pool.exhausted'], cards: [] });
  app.stream.listen({
    hello(_run, _clock, stats) {
      generation += 1;
      for (const pool of charts.values()) {
        pool.chart.destroy();
        pool.figure.remove();
      }
      charts.clear();
      none.hidden = stats.pools.length > 0;
      for (const tickPool of stats.pools) {
        const pool = add(tickPool);
        sample(pool, stats.now, tickPool.remainingMB, tickPool.exhausted);
        void backfill(pool, generation);
      }
      drawAll(true);
    },
    tick(tick) {
      for (const tickPool of tick.pools) {
        const pool = charts.get(tickPool.id) ?? add(tickPool);
        pool.kind = tickPool.kind;
        pool.sizeMB = tickPool.sizeMB;
        sample(pool, tick.now, tickPool.remainingMB, tickPool.exhausted);
      }
      drawAll();
    },
    events(events: readonly StreamEvent[]) {
      for (const event of events) {
        if (event.type !== 'pool.exhausted') continue;
        const pool = charts.get(event.subject);
        if (pool) mark(pool, event.t);
      }
    },
  });
  app.onShow('fleet', () => {
    for (const pool of charts.values()) pool.chart.resize();
    drawAll(true);
  });

  return h(
    'section',
    { className: 'panel pools-panel', 'aria-labelledby': 'pools-title' },
    h('h2', { id: 'pools-title' }, 'Pools: data left this month'),
    none,
    grid,
  );
}
