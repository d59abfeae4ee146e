// chart.js, registered with only what the viewer draws (tree-shaken), with a sim-time x axis in
// Beijing dates and a small plugin that marks moments (a pool running dry) with a labelled line.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartOptions,
  type Plugin,
} from 'chart.js';
import { simDate, simDateTime } from './format.ts';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily || 'system-ui, sans-serif';
Chart.defaults.font.size = 11;
Chart.defaults.color = '#495057';
Chart.defaults.animation = false;

export { Chart };

export interface Marker {
  readonly t: number;
  readonly label: string;
  readonly colour?: string;
}

/**
 * The markers of each chart. Kept beside chart.js rather than in its options, which it copies and
 * resolves: the view mutates this list and the plugin reads it as it is.
 */
export const chartMarkers = new WeakMap<object, readonly Marker[]>();

/** Draws a dashed vertical line with a label, and a cross at zero, at each marker's x (sim time). */
export const markerPlugin: Plugin<'line'> = {
  id: 'markers',
  afterDatasetsDraw(chart) {
    const markers = chartMarkers.get(chart) ?? [];
    const x = chart.scales.x;
    const area = chart.chartArea;
    if (!x || !area) return;
    const ctx = chart.ctx;
    ctx.save();
    let labelsEnd = -Infinity;
    for (const marker of markers) {
      const px = x.getPixelForValue(marker.t);
      if (px < area.left - 1 || px > area.right + 1) continue;
      const colour = marker.colour ?? '#c92a2a';
      ctx.strokeStyle = colour;
      ctx.fillStyle = colour;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(px, area.top);
      ctx.lineTo(px, area.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      // A cross where the line meets zero: the moment itself.
      const y = chart.scales.y?.getPixelForValue(0) ?? area.bottom;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(px - 4, y - 4);
      ctx.lineTo(px + 4, y + 4);
      ctx.moveTo(px + 4, y - 4);
      ctx.lineTo(px - 4, y + 4);
      ctx.stroke();
      ctx.font = `600 10px ${Chart.defaults.font.family}`;
      const width = ctx.measureText(marker.label).width;
      const textX = px + 3 + width > area.right ? px - 3 - width : px + 3;
      // A label that would run into the previous one is left out; the line says enough.
      if (textX > labelsEnd + 2) {
        ctx.fillText(marker.label, textX, area.top + 10);
        labelsEnd = textX + width;
      }
    }
    ctx.restore();
  },
};

/** A linear x axis of sim times, labelled in Beijing dates. */
export function simTimeAxis(): NonNullable<ChartOptions<'line'>['scales']>[string] {
  return {
    type: 'linear',
    ticks: {
      maxTicksLimit: 6,
      maxRotation: 0,
      // Days when the chart spans days, hours when it spans less (at 1h/s).
      callback(value) {
        const span = this.max - this.min;
        const t = Number(value);
        return span < 3 * 86_400_000 ? simDateTime(t).slice(5) : simDate(t).slice(5);
      },
    },
    grid: { display: false },
  };
}

export function simTimeTooltipTitle(items: { parsed: { x: number | null } }[]): string {
  const x = items[0]?.parsed.x;
  return x === undefined || x === null ? '' : simDateTime(x);
}
