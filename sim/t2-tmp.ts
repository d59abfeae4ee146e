import { Harness } from './testing/harness.ts';
import { BUILT_IN_PROFILES } from './devices/profiles.ts';
const MB = 1048576;
const h = new Harness('2026-01-15');
const w = h.world;
w.events$.subscribe((e) => {
  if (e.type === 'card.status') console.log(h.nowText(), e.subject.slice(-4), JSON.stringify(e.payload));
});
const c = h.one('CM_SC_M_1_100M');
h.ok(c, { type: 'REQUEST_TEST_PERIOD' });
h.at('2026-01-20T10:00');
console.log(w.traffic.offerNow(c, 5 * MB, true) / MB, w.traffic.offerNow(c, 2 * MB, true) / MB);
console.log(
  'test used',
  w.traffic.usage.testUsed.get(c.index) / MB,
  'refused',
  w.traffic.usage.monthRefused.get(c.index) / MB,
);
const d = h.one('CM_SC_M_1_100M');
h.ok(d, { type: 'ACTIVATE', activationType: 'manage' });
console.log(w.traffic.offerNow(d, 120 * MB, true) / MB, d.view.specificStatus);
// devices over months
const cams = h.buy('CU_SC_M_1_1G', { count: 20 });
for (const cam of cams) w.devices.insert(cam, BUILT_IN_PROFILES.camera);
const pool = w.addPool('P1', 2 * 1024 * MB);
const ups = h.buy('CT_UP_M_1_P1', { count: 10 });
for (const u of ups) w.devices.insert(u, BUILT_IN_PROFILES.camera);
h.at('2026-05-01');
console.log('cams', cams.map((x) => x.view.specificStatus).join(','));
console.log(
  'cam month usage MB',
  cams
    .slice(0, 3)
    .map((x) =>
      (
        w.traffic.usage.months.get([...w.traffic.usage.months.keys()].at(-1)!)!.carried[x.index]! / MB
      ).toFixed(1),
    ),
);
console.log(
  'pool',
  pool.monthUsed / MB,
  pool.size() / MB,
  pool.exhausted,
  ups.map((x) => x.view.specificStatus).join(','),
);
console.log(w.eventCount, w.hash());
