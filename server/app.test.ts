import { afterEach, describe, expect, it } from 'vitest';
import { parseDateTime } from '../sim/time/calendar.ts';
import { buildApp } from './app.ts';

const apps: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function make() {
  const built = await buildApp({
    run: { name: 'demo', seed: 3, start: parseDateTime('2026-01-01'), speedMsPerSecond: 86_400_000 },
  });
  apps.push(built.app);
  return built;
}

describe('placeholder server', () => {
  it('says what is running and where to look', async () => {
    const { app } = await make();
    const page = await app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/2026-01-01T00:00:00\+08:00/);
    expect(page.body).toMatch(/README/);
    const clock = await app.inject({ url: '/api/clock' });
    expect(clock.json()).toMatchObject({ mode: 'paused', nowText: '2026-01-01T00:00:00+08:00' });
    expect((await app.inject({ url: '/api/run' })).json()).toMatchObject({ name: 'demo', seed: 3 });
  });

  it('advances the sim clock while playing', async () => {
    const { app, live } = await make();
    live.play();
    await new Promise((resolve) => setTimeout(resolve, 350));
    live.pause();
    expect((await app.inject({ url: '/api/clock' })).json().now).toBeGreaterThan(parseDateTime('2026-01-01'));
  });
});
