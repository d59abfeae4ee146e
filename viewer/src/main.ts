// The live viewer of cardtwin (issue 8): product staff watch the fleet and act on it as the platform's
// console lets them. It talks only to the twin that serves it: the REST API under /api and the
// websocket /ws, both at relative URLs.
//
// Why plain TypeScript and the DOM, and no framework: the page is a handful of views that each own a
// piece of the DOM and update it from one stream of ticks and events. A framework's virtual DOM and
// reactivity would put a diffing pass over tables, tiles and feed behind every tick (four a second,
// at 100,000 cards too); here every update is explicit and small (a count's text, a row's cells in
// place, a chart's data at most once a second), which the 100,000-card browser test measures. The
// native elements (<dialog>, popover, <button>, <input>) give keyboard access and focus handling, so
// no component library is needed either; the whole page is ~250 KB minified (~85 KB gzipped), most
// of it chart.js, which draws the charts. A small h() helper (dom.ts) builds elements.
import './styles.css';
import type { App, Change, TabName } from './app.ts';
import { h } from './dom.ts';
import type { SearchCriteria } from './filters.ts';
import { LiveStream } from './stream.ts';
import { cardDetailsPanel } from './views/card-details.ts';
import { cardList } from './views/card-list.ts';
import { chargesChart } from './views/charges-chart.ts';
import { eventFeed } from './views/event-feed.ts';
import { exportedFiles } from './views/exports.ts';
import { fleetCounts } from './views/fleet-counts.ts';
import { poolCharts } from './views/pool-charts.ts';
import { statusChart } from './views/status-chart.ts';
import { tabs } from './views/tabs.ts';
import { timeBar } from './views/time-bar.ts';

const root = document.getElementById('app')!;
const stream = new LiveStream();
const changeListeners: ((change: Change) => void)[] = [];
const showListeners = new Map<TabName, (() => void)[]>();
let shown: TabName = 'fleet';

// `app` is made before the views (they take it) and calls into some of them (declared below) only
// later, from user actions and messages.

const app: App = {
  stream,
  state: { run: undefined, clock: undefined, summary: undefined },
  openCard: (iccid) => details.open(iccid),
  showTab: (tab) => tabBar.show(tab),
  searchCards(criteria: SearchCriteria) {
    tabBar.show('cards');
    list.search(criteria);
  },
  currentSearch: () => ({ criteria: list.criteria(), total: list.total() }),
  changed: (change) => changeListeners.forEach((l) => l(change)),
  onChange: (listener) => void changeListeners.push(listener),
  isShown: (tab) => shown === tab && document.visibilityState === 'visible',
  onShow(tab, listener) {
    const listeners = showListeners.get(tab) ?? [];
    listeners.push(listener);
    showListeners.set(tab, listeners);
  },
};

stream.listen({
  hello: (run, clock, stats) => {
    app.state.run = run;
    app.state.clock = clock;
    app.state.summary = stats;
    document.title = `${run.name} — cardtwin`;
  },
  tick: (tick) => {
    app.state.summary = tick;
  },
});

const fleetPanel = h(
  'div',
  { className: 'fleet-layout' },
  h(
    'div',
    { className: 'fleet-main' },
    fleetCounts(app),
    h('div', { className: 'chart-row' }, statusChart(app), chargesChart(app)),
    poolCharts(app),
  ),
  h('aside', { className: 'fleet-side', 'aria-label': 'Event feed' }, eventFeed(app)),
);
const list = cardList(app);
const details = cardDetailsPanel(app);
const exportsPanel = exportedFiles(app);

const tabBar = tabs(
  [
    { name: 'fleet', label: 'Fleet at a glance', panel: fleetPanel },
    { name: 'cards', label: 'Card list', panel: list.element },
    { name: 'exports', label: 'Exported Files', panel: exportsPanel },
  ],
  (tab) => {
    shown = tab;
    for (const listener of showListeners.get(tab) ?? []) listener();
  },
);

const header = h('header', { className: 'top-bar' }, timeBar(app));
root.replaceChildren(
  header,
  tabBar.nav,
  h('main', { id: 'main', tabIndex: -1 }, tabBar.panels),
  h('div', { id: 'announcer', className: 'toasts', role: 'status', 'aria-live': 'polite' }),
);
root.removeAttribute('aria-busy');
// The tabs stick under the time bar, whose height depends on how its controls wrap.
new ResizeObserver(() => {
  const sticky = getComputedStyle(header).position === 'sticky';
  document.documentElement.style.setProperty('--top-height', `${sticky ? header.offsetHeight : 0}px`);
}).observe(header);

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') for (const l of showListeners.get(shown) ?? []) l();
});

// Deep link to a card: #card=<iccid> opens its details over the card list.
const cardInHash = /card=(\d{13,20})/.exec(location.hash)?.[1];
tabBar.start();
if (cardInHash) {
  tabBar.show('cards');
  details.open(cardInHash);
}
stream.connect();

// For tests and the curious: the stream and the app, from the browser's console.
(window as unknown as { cardtwin: unknown }).cardtwin = { app, stream };
