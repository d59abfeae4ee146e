// The sections of a card's details (C5): Basic Information, Sub-card Details, Traffic Information
// (usage chart, monthly usage, active plans), Settings (usage limit, automatic renewal, identity
// verification, automation rules with trigger records) and Operation Records (C9).
import { Chart } from '../charts.ts';
import { h } from '../dom.ts';
import { amountMB, consoleMB, simDate, simDateTime } from '../format.ts';
import { causeLabel } from '../statuses.ts';
import type { CardDetails, UsageSeries } from '../types.ts';
import type { ActionKey } from './actions.ts';
import { statusChip, tagChips } from './chips.ts';

const ACTIVATION_TYPES: Record<string, string> = {
  first_data_record: 'First data record (traffic)',
  manage: 'Manual',
  force: 'Forced after the silent period',
  test: 'Test period',
};

function dl(entries: readonly (readonly [string, Node | string | null | undefined])[]): HTMLElement {
  return h(
    'dl',
    { className: 'facts' },
    entries.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value ?? '—')]),
  );
}

export function basicSection(d: CardDetails): HTMLElement {
  const b = d.basic;
  return h(
    'section',
    { className: 'detail-section', 'aria-labelledby': 'detail-basic' },
    h('h3', { id: 'detail-basic' }, 'Basic Information'),
    dl([
      ['ICCID', h('span', { className: 'mono' }, b.iccid)],
      ['IMSI', b.imsi ? h('span', { className: 'mono' }, b.imsi) : 'per sub-card'],
      ['MSISDN', b.msisdn ? h('span', { className: 'mono' }, b.msisdn) : 'per sub-card'],
      ['Plan voucher', b.voucher],
      ['Carrier', `${b.carrier} (${b.vendor})`],
      ['Card type', b.cardType === 'smart' ? 'Smart card (virtual carrier)' : 'Single-network card'],
      ['SIM card status', statusChip(b.view.status, b.view.statusCode)],
      ['Specific status', statusChip(b.view.specificStatus, b.view.osStatus)],
      ['Suspension causes', b.view.causes.length ? b.view.causes.map(causeLabel).join(', ') : null],
      ['Pending cancellation', b.view.pendingCancellation ? 'Yes' : 'No'],
      [
        'Activation method',
        b.activationType ? (ACTIVATION_TYPES[b.activationType] ?? b.activationType) : null,
      ],
      ['Activation time', simDateTime(b.activatedAt)],
      ['Ordered', simDateTime(b.orderedAt)],
      // The end is exclusive (00:00 on the 1st after the last service month); the console and the
      // export show the last second in service.
      ['Plan ends', b.expiresAt === null ? null : simDateTime(b.expiresAt - 1000, true)],
      [
        'Device',
        b.device
          ? `${b.device.profile}, IMEI ${b.device.imei}${b.device.powered ? '' : ' (powered off)'}`
          : 'none',
      ],
      ['Bound IMEI', b.boundImei],
      ['Cumulative traffic in cycle', consoleMB(b.cycleUsageMB)],
      ['Tags', tagChips(b.tags)],
      ['Remarks', b.remark || null],
      ['Group', b.group],
    ]),
  );
}

export function subCardsSection(d: CardDetails): HTMLElement | null {
  if (d.subCards.length === 0) return null;
  return h(
    'section',
    { className: 'detail-section', 'aria-labelledby': 'detail-subcards' },
    h('h3', { id: 'detail-subcards' }, 'Sub-card Details'),
    h(
      'div',
      { className: 'table-wrap' },
      h(
        'table',
        { className: 'compact' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Carrier', 'ICCID', 'MSISDN', 'IMSI', 'Status', 'Network'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          d.subCards.map((s) =>
            h(
              'tr',
              {},
              h('td', {}, `${s.carrier} (${s.vendor})`),
              h('td', { className: 'mono' }, s.iccid),
              h('td', { className: 'mono' }, s.msisdn),
              h('td', { className: 'mono' }, s.imsi),
              h('td', {}, statusChip(s.view.specificStatus, s.view.osStatus)),
              h('td', {}, s.currentNetwork ? 'In use now' : ''),
            ),
          ),
        ),
      ),
    ),
  );
}

export function trafficSection(d: CardDetails, canvas: HTMLCanvasElement): HTMLElement {
  const usage = d.traffic.usage;
  const plans = d.traffic.plans;
  const plan = plans.plan;
  const allowance = plans.allowance;
  return h(
    'section',
    { className: 'detail-section', 'aria-labelledby': 'detail-traffic' },
    h('h3', { id: 'detail-traffic' }, 'Traffic Information'),
    h(
      'p',
      { className: 'muted' },
      `Cumulative traffic in cycle: ${consoleMB(usage.cycle.consoleMB)} (up to 24:00 yesterday, as the console shows it); ${consoleMB(usage.cycle.liveMB)} up to now.`,
    ),
    h('div', { className: 'chart-box usage-box' }, canvas),
    h(
      'table',
      { className: 'compact' },
      h('caption', {}, 'Monthly usage'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Month', 'Used', 'Refused'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        usage.monthly.map((m) =>
          h(
            'tr',
            {},
            h('td', {}, `${m.month}${m.partial ? ' (so far)' : ''}`),
            h('td', { className: 'num' }, consoleMB(m.carriedMB)),
            h('td', { className: 'num' }, consoleMB(m.refusedMB)),
          ),
        ),
      ),
    ),
    h('h4', {}, 'Active plans'),
    h(
      'table',
      { className: 'compact' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Plan', 'State', 'Starts', 'Ends', 'Months not started', 'Auto-renew'].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        h(
          'tr',
          {},
          h('td', {}, plan.name, h('div', { className: 'muted' }, plan.voucher)),
          h(
            'td',
            {},
            { notStarted: 'Not started', inService: 'In service', ended: 'Ended' }[plan.state] ?? plan.state,
          ),
          h('td', { className: 'nowrap' }, plan.startsAt !== null ? simDate(plan.startsAt) : '—'),
          h('td', { className: 'nowrap' }, plan.endsAt !== null ? simDate(plan.endsAt - 1) : '—'),
          h('td', { className: 'num' }, String(plan.monthsNotStarted)),
          h('td', {}, plan.autoRenew ? 'On' : 'Off'),
        ),
        plans.addOn
          ? h(
              'tr',
              {},
              h('td', {}, 'Add-on package'),
              h('td', {}, `${consoleMB(plans.addOn.remainingMB)} left`),
              h('td', {}, '—'),
              h('td', {}, plans.addOn.endsAt !== null ? simDate(plans.addOn.endsAt - 1) : '—'),
              h('td', {}),
              h('td', {}),
            )
          : '',
        plans.testData
          ? h(
              'tr',
              {},
              h('td', {}, 'Test data'),
              h(
                'td',
                {},
                `${consoleMB(plans.testData.usedMB)} used, ${consoleMB(plans.testData.remainingMB)} left`,
              ),
              h('td', {}, '—'),
              h('td', {}, simDate(plans.testData.endsAt - 1)),
              h('td', {}),
              h('td', {}),
            )
          : '',
      ),
    ),
    allowance
      ? h(
          'p',
          {},
          `This month${allowance.pool ? ` (pool ${allowance.pool})` : ''}: ${amountMB(allowance.usedMB)} used of ${amountMB(allowance.allowanceMB)}, ${amountMB(allowance.remainingMB)} left (${Math.round(allowance.remainingShare * 100)} %).`,
        )
      : '',
  );
}

export function settingsSection(
  d: CardDetails,
  actionButton: (key: ActionKey, label: string) => HTMLElement,
): HTMLElement {
  const s = d.settings;
  const limit = s.usageLimit;
  return h(
    'section',
    { className: 'detail-section', 'aria-labelledby': 'detail-settings' },
    h('h3', { id: 'detail-settings' }, 'Settings'),
    dl([
      [
        'Usage limit suspension',
        h(
          'span',
          {},
          limit.limitMB === null
            ? 'Not set '
            : `${limit.limitMB} MB a month (${limit.source === 'card' ? "the card's own" : "the voucher's"}), automatic restore ${limit.autoRestore ? 'on' : 'off'} `,
          actionButton('setUsageLimit', 'Edit'),
        ),
      ],
      [
        'Automatic renewal',
        h('span', {}, `${s.autoRenew ? 'On' : 'Off'} `, actionButton('setAutoRenew', 'Change')),
      ],
      [
        'Identity verification',
        s.idVerification.required ? `Required: ${s.idVerification.status}` : 'Not required',
      ],
    ]),
    h('h4', {}, 'Automation rules'),
    s.rules.length === 0
      ? h('p', { className: 'muted' }, 'No automation rule applies to this card.')
      : h(
          'ul',
          { className: 'rules' },
          s.rules.map((rule) =>
            h(
              'li',
              {},
              h('strong', {}, rule.name),
              ` — ${rule.trigger}, ${rule.action}`,
              rule.triggers.length === 0
                ? h('div', { className: 'muted' }, 'No trigger records for this card.')
                : h(
                    'table',
                    { className: 'compact' },
                    h('caption', {}, `Trigger records (${rule.triggers.length})`),
                    h(
                      'thead',
                      {},
                      h(
                        'tr',
                        {},
                        ['Time', 'Detail', 'Acted'].map((c) => h('th', { scope: 'col' }, c)),
                      ),
                    ),
                    h(
                      'tbody',
                      {},
                      rule.triggers
                        .slice(-20)
                        .reverse()
                        .map((t) =>
                          h(
                            'tr',
                            {},
                            h('td', {}, simDateTime(t.t)),
                            h('td', {}, t.detail),
                            h('td', {}, t.acted ? 'Yes' : 'No'),
                          ),
                        ),
                    ),
                  ),
            ),
          ),
        ),
  );
}

export function recordsSection(d: CardDetails): HTMLElement {
  return h(
    'section',
    { className: 'detail-section', 'aria-labelledby': 'detail-records' },
    h('h3', { id: 'detail-records' }, 'Operation Records'),
    h(
      'div',
      { className: 'table-wrap' },
      h(
        'table',
        { className: 'compact records' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Time', 'Operation', 'Change', 'Detail', 'By'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          {},
          d.records
            .slice(0, 200)
            .map((r) =>
              h(
                'tr',
                {},
                h('td', { className: 'nowrap' }, simDateTime(r.t)),
                h('td', {}, r.action),
                h('td', {}, r.from || r.to ? `${r.from ?? '—'} → ${r.to ?? '—'}` : ''),
                h('td', {}, r.detail ?? ''),
                h('td', {}, r.by),
              ),
            ),
        ),
      ),
    ),
  );
}

/** The daily traffic of the last two months as bars, the current month darker. */
export function drawUsage(canvas: HTMLCanvasElement, usage: UsageSeries): Chart<'bar'> {
  const months = [...new Set(usage.daily.map((d) => d.day.slice(0, 7)))];
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: usage.daily.map((d) => d.day.slice(5)),
      datasets: [
        {
          label: 'MB a day',
          // Exact MB (the console's two decimals would flatten a meter's few KB a day).
          data: usage.daily.map((d) => d.carriedBytes / 1_048_576),
          backgroundColor: usage.daily.map((d) =>
            d.partial ? '#a5d8ff' : d.day.slice(0, 7) === months[months.length - 1] ? '#1c7ed6' : '#74c0fc',
          ),
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 10 } },
        y: { beginAtZero: true, ticks: { maxTicksLimit: 4, callback: (v) => amountMB(Number(v)) } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) =>
              `${amountMB(Number(item.parsed.y))}${usage.daily[item.dataIndex]?.partial ? ' (today so far)' : ''}`,
          },
        },
      },
    },
  });
  canvas.setAttribute(
    'aria-label',
    `Daily traffic, ${usage.daily[0]?.day ?? ''} to ${usage.daily[usage.daily.length - 1]?.day ?? ''}: ${usage.monthly.map((m) => `${m.month} ${consoleMB(m.carriedMB)}`).join(', ')}`,
  );
  return chart;
}
