// Monthly charges (F1): a bar per service month. On connect each month of the run so far is read from
// the ledger (GET /api/ledger?month=, its sum); then the bars grow live with the ticks' running total
// (chargedFen), each rise added to the sim month it happened in. The ledger is read again for the
// current and previous month every few seconds while money moves, which also puts charges for a past
// month (overage billed on the 1st) back where the ledger books them.
import { api } from '../api.ts';
import type { App } from '../app.ts';
import { Chart } from '../charts.ts';
import { h } from '../dom.ts';
import { monthsBetween, simMonth, yuan } from '../format.ts';

const MONTHS_SHOWN = 24;
const RECONCILE_MS = 8000;
const REDRAW_MS = 1000;

export function chargesChart(app: App): HTMLElement {
  const canvas = h('canvas', { role: 'img', 'aria-label': 'Charges per month, yuan' });
  const summary = h('p', { className: 'chart-summary' });
  const fenByMonth = new Map<string, number>();
  let lastCharged: number | undefined;
  let currentMonth = '';
  let generation = 0;
  let lastReconcile = 0;
  let reconcileNeeded = false;
  let dirty = false;
  let lastDraw = 0;

  const chart = new Chart<'bar', number[], string>(canvas, {
    type: 'bar',
    data: { labels: [], datasets: [{ label: 'Charges (¥)', data: [], backgroundColor: [] as string[] }] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
        y: {
          beginAtZero: true,
          ticks: { maxTicksLimit: 5, callback: (value) => `¥${Number(value).toLocaleString('en-US')}` },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => yuan(Number(item.parsed.y) * 100) } },
      },
    },
  });

  const draw = () => {
    dirty = false;
    lastDraw = performance.now();
    const months = [...fenByMonth.keys()].sort().slice(-MONTHS_SHOWN);
    chart.data.labels = months;
    const dataset = chart.data.datasets[0]!;
    dataset.data = months.map((m) => (fenByMonth.get(m) ?? 0) / 100);
    dataset.backgroundColor = months.map((m) => (m === currentMonth ? '#e8590c' : '#fab005'));
    chart.update('none');
    const now = fenByMonth.get(currentMonth) ?? 0;
    summary.textContent = `This month (${currentMonth}): ${yuan(now)} · charged since the run began: ${yuan(lastCharged ?? 0)}`;
  };
  const maybeDraw = () => {
    if (dirty && app.isShown('fleet') && performance.now() - lastDraw >= REDRAW_MS) draw();
  };

  const readMonth = async (month: string, runGeneration: number) => {
    try {
      const page = await api.ledgerMonth(month);
      if (runGeneration !== generation) return;
      fenByMonth.set(month, page.sumFen);
      dirty = true;
    } catch {
      // Keep the live estimate; the next reconcile tries again.
    }
  };

  const reconcile = async () => {
    lastReconcile = performance.now();
    reconcileNeeded = false;
    const months = [...fenByMonth.keys()].sort();
    const recent = months.slice(-2);
    await Promise.all(recent.map((m) => readMonth(m, generation)));
    maybeDraw();
  };

  app.stream.listen({
    hello(run, _clock, stats) {
      generation += 1;
      fenByMonth.clear();
      lastCharged = stats.chargedFen;
      currentMonth = simMonth(stats.now);
      const months = monthsBetween(run.start.slice(0, 7), currentMonth).slice(-MONTHS_SHOWN);
      for (const month of months) fenByMonth.set(month, 0);
      const runGeneration = generation;
      void Promise.all(months.map((m) => readMonth(m, runGeneration))).then(() => {
        lastReconcile = performance.now();
        draw();
      });
    },
    tick(tick) {
      const month = simMonth(tick.now);
      if (month !== currentMonth) {
        currentMonth = month;
        if (!fenByMonth.has(month)) fenByMonth.set(month, 0);
        reconcileNeeded = true;
      }
      if (lastCharged !== undefined && tick.chargedFen !== lastCharged) {
        const delta = tick.chargedFen - lastCharged;
        fenByMonth.set(month, (fenByMonth.get(month) ?? 0) + delta);
        reconcileNeeded = true;
      }
      lastCharged = tick.chargedFen;
      dirty = true;
      if (reconcileNeeded && performance.now() - lastReconcile > RECONCILE_MS) void reconcile();
      maybeDraw();
    },
  });
  app.onShow('fleet', () => {
    chart.resize();
    draw();
  });

  return h(
    'section',
    { className: 'panel chart-panel charges-chart', 'aria-labelledby': 'charges-title' },
    h('h2', { id: 'charges-title' }, 'Monthly charges'),
    h('div', { className: 'chart-box' }, canvas),
    summary,
  );
}
