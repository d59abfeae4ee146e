// The clock of the live twin through GET/POST /api/clock: paused, running at a speed, as fast as
// possible, stepped by a duration, advanced to a time; and the proof that how the clock is driven
// (slices of any size, modes, steps) never changes what the world does: the hash of a headless run.
import { afterEach, describe, expect, it } from 'vitest';
import { runScenario } from '../sim/scenario/runner.ts';
import { parseDateTime } from '../sim/time/calendar.ts';
import { expectErrorShape, smallScenario, testApp, type TestApp } from './test/helpers.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const START = parseDateTime('2026-01-01');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let t: TestApp | undefined;
afterEach(async () => {
  await t?.app.close();
  t = undefined;
});

describe('GET/POST /api/clock', () => {
  it('starts paused at the scenario start; step moves by a duration (default a day, at most a day)', async () => {
    t = await testApp();
    expect((await t.call('GET', '/api/clock')).body).toMatchObject({
      now: START,
      nowText: '2026-01-01T00:00:00+08:00',
      mode: 'paused',
    });
    expect((await t.call('POST', '/api/clock', { action: 'step', by: '6h' })).body).toMatchObject({
      now: START + 6 * HOUR_MS,
      mode: 'paused',
    });
    expect((await t.call('POST', '/api/clock', { action: 'step' })).body.now).toBe(START + 30 * HOUR_MS);
    expect((await t.call('POST', '/api/clock', { action: 'step', by: '1w' })).body.now).toBe(
      START + 54 * HOUR_MS,
    );
    expectErrorShape(
      await t.call('POST', '/api/clock', { action: 'step', by: 'a while' }),
      400,
      'InvalidArgument',
    );
  });

  it('advance runs as fast as possible to a time, then pauses there; the steps on the way run', async () => {
    t = await testApp();
    const reply = await t.call('POST', '/api/clock', { action: 'advance', to: '2026-03-01T12:00' });
    expect(reply.status).toBe(200);
    expect(reply.body.mode).toBe('fast');
    await t.live.settled();
    expect((await t.call('GET', '/api/clock')).body).toMatchObject({
      now: parseDateTime('2026-03-01T12:00'),
      mode: 'paused',
    });
    // The scenario's step at 2026-01-01T08:00 activated the first meter.
    const meter = t.group('meters')[0]!;
    expect((await t.call('GET', `/api/cards/${meter}`)).body.basic.view.status).toBe('In use');
    const backwards = await t.call('POST', '/api/clock', { action: 'advance', to: '2026-02-01' });
    expectErrorShape(backwards, 400, 'InvalidArgument');
    expect(backwards.body.error.message).toContain('forward');
    expectErrorShape(await t.call('POST', '/api/clock', { action: 'advance' }), 400, 'InvalidArgument');
    expectErrorShape(
      await t.call('POST', '/api/clock', { action: 'advance', to: 'soon' }),
      400,
      'InvalidArgument',
    );
  });

  it('play runs at a speed (sim time per wall second) until paused; fast runs ahead', async () => {
    t = await testApp();
    const playing = await t.call('POST', '/api/clock', { action: 'play', speed: '1d/s' });
    expect(playing.body).toMatchObject({ mode: 'running', speed: '1d/s', speedMsPerSecond: DAY_MS });
    await sleep(400);
    const paused = (await t.call('POST', '/api/clock', { action: 'pause' })).body;
    expect(paused.mode).toBe('paused');
    // About 0.4 s at a day per second: between a little and well under a day, however slow the machine.
    expect(paused.now).toBeGreaterThan(START + HOUR_MS);
    expect(paused.now).toBeLessThan(START + 2 * DAY_MS);
    await sleep(100);
    expect((await t.call('GET', '/api/clock')).body.now).toBe(paused.now);

    expect((await t.call('POST', '/api/clock', { action: 'play' })).body.speed).toBe('1d/s');
    await t.call('POST', '/api/clock', { action: 'pause' });
    expect((await t.call('POST', '/api/clock', { action: 'fast' })).body.mode).toBe('fast');
    await sleep(300);
    const fast = (await t.call('POST', '/api/clock', { action: 'pause' })).body;
    expect(fast.now).toBeGreaterThan(paused.now + DAY_MS);
  });

  it('bad clock requests are 400 InvalidArgument', async () => {
    t = await testApp();
    for (const body of [
      {},
      { action: 'rewind' },
      { action: 'play', speed: 'fast' },
      { action: 'play', speed: '0d/s' },
      { action: 'pause', when: 'now' },
      { action: 5 },
    ]) {
      expectErrorShape(await t.call('POST', '/api/clock', body), 400, 'InvalidArgument');
    }
    expect(t.live.mode).toBe('paused');
  });
});

describe('slices never change the outcome', () => {
  const headless = runScenario(smallScenario());

  it('advance to the end in tiny slices gives the hash of a headless run', async () => {
    t = await testApp({ sliceBudgetMs: 0 });
    t.live.advanceTo(t.live.scenario.until);
    await t.live.settled();
    expect(t.live.world.now()).toBe(headless.until);
    expect(t.live.world.hash()).toBe(headless.hash);
    expect(t.live.world.eventCount).toBe(headless.events);
  });

  it('running at a speed, steps, fast and advance, mixed, give the same hash', async () => {
    // A slice is then one instant of sim time: fast mode for a few turns of the event loop stays short.
    t = await testApp({ sliceBudgetMs: 0 });
    t.live.play(20 * DAY_MS);
    await sleep(150);
    t.live.step(5 * HOUR_MS + 17_000);
    t.live.fast();
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    t.live.pause();
    t.live.step(1);
    expect(t.live.world.now()).toBeLessThan(headless.until);
    t.live.advanceTo(headless.until);
    await t.live.settled();
    expect(t.live.world.hash()).toBe(headless.hash);
  });

  it('past the scenario end the world goes on living', async () => {
    t = await testApp();
    const later = t.live.scenario.until + 40 * DAY_MS;
    t.live.advanceTo(later);
    await t.live.settled();
    expect(t.live.world.now()).toBe(later);
    expect((await t.call('GET', '/api/run')).body.now).toBe('2026-07-11T00:00:00+08:00');
  });
});
