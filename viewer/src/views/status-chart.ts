// Statuses over sim time: a stacked area chart sampled from the ticks (a bounded history since the page
// opened), at either level: SIM card status or specific status. Redrawn at most twice a second and
// only while the fleet view is shown.
import type { App } from '../app.ts';
import { Chart, simTimeAxis, simTimeTooltipTitle } from '../charts.ts';
import { field, h, select } from '../dom.ts';
import { count } from '../format.ts';
import { BoundedHistory } from '../history.ts';
import { SIM_STATUSES, SPECIFIC_STATUSES, type StatusInfo } from '../statuses.ts';
import type { FleetSummary } from '../types.ts';

type Level = 'status' | 'specific';
const REDRAW_MS = 500;

export function statusChart(app: App): HTMLElement {
  const history = new BoundedHistory<{ status: Record<string, number>; specific: Record<string, number> }>(
    360,
  );
  let level: Level = 'status';
  const canvas = h('canvas', { role: 'img', 'aria-label': 'Cards by status over sim time' });
  const summary = h('p', { className: 'chart-summary' });
  const levelSelect = select(
    [
      ['status', 'SIM card status'],
      ['specific', 'Specific status'],
    ],
    {},
    level,
  );
  const infos = (): readonly StatusInfo[] => (level === 'status' ? SIM_STATUSES : SPECIFIC_STATUSES);

  const datasets = () =>
    infos().map((info, i) => ({
      label: info.name,
      data: [] as { x: number; y: number }[],
      borderColor: info.colour,
      backgroundColor: `${info.colour}cc`,
      borderWidth: 1,
      // Stacked areas: each fills down to the one below it.
      fill: i === 0 ? 'origin' : '-1',
      pointRadius: 0,
      tension: 0,
      stack: 'cards',
    }));

  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets: datasets() },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: simTimeAxis(),
        y: { stacked: true, beginAtZero: true, ticks: { maxTicksLimit: 5 } },
      },
      plugins: {
        legend: {
          position: 'bottom',
          labels: {
            boxWidth: 10,
            boxHeight: 10,
            // Statuses no card has had since the page opened stay out of the legend.
            filter: (item, data) =>
              (data.datasets[item.datasetIndex ?? 0]?.data as { y: number }[]).some((p) => p.y > 0),
          },
        },
        tooltip: { callbacks: { title: simTimeTooltipTitle } },
      },
    },
  });

  let dirty = false;
  let lastDraw = 0;
  const draw = () => {
    dirty = false;
    lastDraw = performance.now();
    const points = history.points;
    chart.data.datasets.forEach((dataset, i) => {
      const name = infos()[i]!.name;
      dataset.data = points.map((p) => ({
        x: p.t,
        y: (level === 'status' ? p.value.status : p.value.specific)[name] ?? 0,
      }));
    });
    Object.assign(chart.options.scales!.x!, { min: points[0]?.t, max: points[points.length - 1]?.t });
    chart.update('none');
    const last = history.last;
    if (last) {
      const counts = level === 'status' ? last.value.status : last.value.specific;
      summary.textContent = infos()
        .filter((info) => (counts[info.name] ?? 0) > 0)
        .map((info) => `${info.name} ${count(counts[info.name] ?? 0)}`)
        .join(' · ');
    }
  };
  const maybeDraw = () => {
    if (!dirty || !app.isShown('fleet')) return;
    if (performance.now() - lastDraw >= REDRAW_MS) draw();
  };

  const sample = (summaryOfTick: FleetSummary) => {
    history.add(summaryOfTick.now, { status: summaryOfTick.byStatus, specific: summaryOfTick.bySpecific });
    dirty = true;
    maybeDraw();
  };
  levelSelect.addEventListener('change', () => {
    level = levelSelect.value as Level;
    chart.data.datasets = datasets();
    draw();
  });
  app.stream.listen({
    hello(_run, _clock, stats) {
      history.clear();
      sample(stats);
    },
    tick: sample,
  });
  app.onShow('fleet', () => {
    chart.resize();
    if (dirty) draw();
  });

  return h(
    'section',
    { className: 'panel chart-panel status-chart', 'aria-labelledby': 'status-chart-title' },
    h(
      'div',
      { className: 'panel-head' },
      h('h2', { id: 'status-chart-title' }, 'Statuses over sim time'),
      field('Level', levelSelect),
    ),
    h('div', { className: 'chart-box' }, canvas),
    summary,
  );
}
