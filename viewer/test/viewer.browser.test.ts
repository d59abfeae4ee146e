// The viewer in real Chromium (Debian's, through playwright-core) against a real twin started in this
// process: the page loads, counts move while the clock runs, a pool's chart drops and marks the moment
// it runs dry, a suspend from the card details reaches the list and the feed (and a second one is
// refused in the dialog), an export is made and downloaded, and at 100,000 cards running 1d/s the page
// stays responsive (long tasks and frame gaps measured in the page, and logged).
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DAY_MS,
  chromiumPath,
  ensureViewerBuilt,
  hasChromium,
  INSTALL_HINT,
  launchChromium,
  scenario,
  startTwin,
  type Twin,
} from './harness.ts';

const inCi = process.env.CI === 'true';
const run = hasChromium || inCi;
if (!run) console.log(INSTALL_HINT);

/** A small fleet: a 150 MB pool of five cameras (~50 MB a day) runs dry in about three sim days. */
const SMALL = scenario({
  name: 'Viewer test fleet',
  seed: 7,
  start: '2026-03-01',
  until: '2026-06-01',
  pools: [{ id: 'CAMS', size: '150M' }],
  fleet: [
    {
      group: 'cameras',
      count: 5,
      voucher: 'CU_UP_M_1_CAMS',
      activateOnFirstTraffic: true,
      device: { profile: 'camera' },
    },
    {
      group: 'meters',
      count: 20,
      voucher: 'CM_SC_M_1_30M',
      activateOnFirstTraffic: true,
      device: { profile: 'meter' },
    },
    {
      group: 'trackers',
      count: 10,
      voucher: 'CT_SC_M_1_100M',
      activateOnFirstTraffic: true,
      device: { profile: 'tracker' },
    },
    { group: 'spares', count: 10, voucher: 'CM_SC_M_1_100M' },
  ],
});

/** 100,000 cards in four fleet entries, few devices: built in a few seconds. */
const LARGE = scenario({
  name: 'Viewer scale fleet',
  seed: 11,
  start: '2026-01-01',
  until: '2027-01-01',
  fleet: [
    {
      group: 'a',
      count: 25_000,
      voucher: 'CM_SC_M_1_100M',
      activateOnFirstTraffic: true,
      device: { profile: 'meter' },
    },
    { group: 'b', count: 25_000, voucher: 'CU_SC_M_1_100M' },
    { group: 'c', count: 25_000, voucher: 'CT_SC_M_1_100M' },
    { group: 'd', count: 25_000, voucher: 'CM_SCD_M_1_30M' },
  ],
});

async function tileCount(page: Page, level: 'status' | 'specificStatus', name: string): Promise<number> {
  const text = await page
    .locator(`.tile[data-level="${level}"][data-status="${name}"] .tile-count`)
    .textContent();
  return Number((text ?? '').replace(/,/g, ''));
}

async function openPage(
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(url);
  await page.locator('.connection[data-state="open"]').waitFor();
  return page;
}

const pageErrors = (page: Page) => (page as Page & { errors?: string[] }).errors ?? [];

describe.skipIf(!run)('viewer in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!hasChromium)
      throw new Error(
        `CI needs Chromium at ${chromiumPath} for the viewer tests: apt-get install -y chromium`,
      );
    const build = await ensureViewerBuilt();
    if (build.built) console.log(`viewer built in ${Math.round(build.ms)} ms`);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  describe('on a small fleet', () => {
    let twin: Twin;
    let page: Page;

    beforeAll(async () => {
      twin = await startTwin(SMALL);
      page = await openPage(browser, twin.url);
    }, 30_000);

    afterAll(async () => {
      await page?.close();
      await twin?.close();
    });

    it('loads against a real twin: run, sim time, counts', async () => {
      await expect.poll(() => page.locator('.run-name').textContent()).toBe('Viewer test fleet');
      expect(await page.locator('.sim-time').textContent()).toBe('2026-03-01 00:00');
      expect(await page.locator('.fleet-counts .total-cards').textContent()).toBe('45');
      expect(await tileCount(page, 'status', 'Not in use')).toBe(45);
      expect(await page.locator('.run-hash').getAttribute('title')).toMatch(/^Run hash [0-9a-f]{64}$/);
      expect(await page.locator('.clock-mode').textContent()).toBe('Paused');
    });

    it('counts by status change while the clock runs (play from the time bar)', async () => {
      await page.locator('.time-bar select[aria-label^="Speed"]').selectOption('1d/s');
      await expect.poll(() => page.locator('.clock-mode').textContent()).toBe('Running 1d/s');
      await expect.poll(() => tileCount(page, 'status', 'In use'), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await tileCount(page, 'status', 'Not in use')).toBeLessThan(45);
      expect(await page.locator('.sim-time').textContent()).not.toBe('2026-03-01 00:00');
    });

    it('draws a pool chart that drops and marks when the pool runs dry', async () => {
      const figure = page.locator('figure[data-pool="CAMS"]');
      await figure.waitFor();
      await expect
        .poll(async () => Number(await figure.getAttribute('data-emptied')), { timeout: 20_000 })
        .toBeGreaterThanOrEqual(1);
      const min = Number(await figure.getAttribute('data-min-remaining-mb'));
      const max = Number(await figure.getAttribute('data-max-remaining-mb'));
      expect(max).toBeGreaterThan(100);
      expect(min).toBeLessThanOrEqual(0);
      expect(Number(await figure.getAttribute('data-points'))).toBeGreaterThan(3);
      expect(await figure.locator('.pool-state').textContent()).toContain('Empty');
      // The pool's cards are Suspended (credit control), and the counts say so.
      await expect.poll(() => tileCount(page, 'specificStatus', 'Suspended (credit control)')).toBe(5);
    });

    it('suspends a card from its details: the details, the list and the feed show it; a second suspend is refused in the dialog', async () => {
      await page.locator('.time-bar button.play').click(); // pause
      await expect.poll(() => page.locator('.clock-mode').textContent()).toBe('Paused');
      await page.locator('#tab-cards').click();
      await page.locator('button[aria-controls="advanced-search"]').click();
      await page.locator('.search-form input[name="voucher"]').fill('CM_SC_M_1_30M');
      await page.locator('.search-form button[type="submit"]').click();
      await expect
        .poll(() => page.locator('.filter-chips').textContent())
        .toContain('Plan voucher: CM_SC_M_1_30M');
      const firstRow = page.locator('.card-table tbody tr[data-iccid]').filter({ hasText: 'In use' }).first();
      await firstRow.waitFor();
      const iccid = (await firstRow.getAttribute('data-iccid'))!;
      const row = page.locator(`.card-table tbody tr[data-iccid="${iccid}"]`);
      expect(await row.locator('td').nth(6).textContent()).toBe('In use');

      const view = row.locator('button', { hasText: 'View' });
      await view.click();
      const drawer = page.locator(`dialog.card-details[data-iccid="${iccid}"]`);
      await expect.poll(() => drawer.getAttribute('data-specific-status')).toBe('In use');
      await drawer.locator('.details-actions button', { hasText: 'Suspend' }).click();
      const dialog = page.locator('dialog.action-suspend');
      await dialog.locator('button[type="submit"]').click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => drawer.getAttribute('data-specific-status')).toBe('Manually suspended');
      expect(await drawer.locator('.records').textContent()).toContain('Manually suspended');

      // The same again is refused; the refusal shows in the dialog, with its code.
      await drawer.locator('.details-actions button', { hasText: 'Suspend' }).click();
      await dialog.locator('button[type="submit"]').click();
      const error = dialog.locator('.form-error');
      await error.waitFor();
      expect(await error.getAttribute('data-code')).toBe('StatusNotAllowed');
      expect(await error.textContent()).toContain('HTTP 409');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      // Escape closes the details too, and focus goes back to the View button that opened them.
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
        `View card ${iccid}`,
      );

      // The list shows it (updated in place: the row and its buttons stayed, so focus could return).
      await expect.poll(() => row.locator('td').nth(6).textContent()).toBe('Manually suspended');
      expect(await row.locator('td').nth(5).textContent()).toBe('Suspended');

      await page.locator('#tab-fleet').click();
      const feedItem = page.locator(`.feed-item[data-card="${iccid}"]`).first();
      await feedItem.waitFor();
      expect(await feedItem.textContent()).toContain('Manually suspended');
      expect(await feedItem.textContent()).toContain('by user');
    });

    it('exports card details and downloads the file from Exported Files', async () => {
      await page.locator('#tab-cards').click();
      await page.locator('.cards-panel button', { hasText: 'Export' }).click();
      const dialog = page.locator('dialog.export-dialog');
      // With a search in force the dialog offers it or all cards; take all.
      if ((await dialog.locator('input[value="all"]').count()) > 0)
        await dialog.locator('input[value="all"]').check();
      await dialog.locator('select[name="months"]').selectOption('2');
      await dialog.locator('input[name="daily"]').check();
      await dialog.locator('input[name="fileName"]').fill('viewer-test');
      await dialog.locator('button[type="submit"]').click();
      await dialog.waitFor({ state: 'detached' });
      const row = page.locator('.export-table tr[data-export="viewer-test.csv"]');
      await expect.poll(() => row.locator('.export-status').textContent()).toBe('Done');
      expect(await row.locator('td').nth(3).textContent()).toBe('45');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        row.locator('a', { hasText: 'Download' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('viewer-test.csv');
      const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
      const [header, ...lines] = text.trim().split(/\r?\n/);
      expect(header).toMatch(/^ICCID,MSISDN,Plan voucher,Carrier,SIM card status,/);
      expect(header).toContain('Cumulative traffic in cycle (MB)');
      expect(lines).toHaveLength(45);

      // A name taken is refused, in the dialog.
      await page.locator('.exports-panel button', { hasText: 'Export card details' }).click();
      await dialog.locator('input[name="fileName"]').fill('viewer-test');
      await dialog.locator('button[type="submit"]').click();
      await dialog.locator('.form-error').waitFor();
      expect(await dialog.locator('.form-error').getAttribute('data-code')).toBe('InvalidFileName');
      await page.keyboard.press('Escape');
    });

    it('steps and advances the clock from the time bar; a date in the past is refused next to it', async () => {
      const before = twin.live.world.now();
      await page.locator('.time-bar select[aria-label="Step by"]').selectOption('6h');
      await page.locator('.time-bar button', { hasText: 'Step' }).click();
      await expect.poll(() => twin.live.world.now()).toBe(before + 6 * 3_600_000);
      expect(await page.locator('.clock-mode').textContent()).toBe('Paused');
      await page.locator('.time-bar input[aria-label="Advance to date"]').fill('2026-04-01');
      await page.locator('.time-bar button', { hasText: 'Advance' }).click();
      await expect
        .poll(() => page.locator('.sim-time').textContent(), { timeout: 15_000 })
        .toBe('2026-04-01 00:00');
      await expect.poll(() => page.locator('.clock-mode').textContent()).toBe('Paused');
      await page.locator('.time-bar input[aria-label="Advance to date"]').fill('2026-03-02');
      await page.locator('.time-bar button', { hasText: 'Advance' }).click();
      const error = page.locator('.time-bar .inline-error');
      await error.waitFor();
      expect(await error.textContent()).toContain('InvalidArgument (HTTP 400)');
    });

    it('works from the keyboard: a row menu, a dialog that keeps focus, Escape back to where it started', async () => {
      await page.locator('#tab-cards').click();
      const more = page.locator('.card-table tbody tr[data-iccid] button[aria-haspopup="menu"]').first();
      await more.focus();
      await page.keyboard.press('Enter');
      const menu = page.locator('.menu[role="menu"]');
      await menu.waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Top-up');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Resume');
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-haspopup'))).toBe('menu');

      await page.keyboard.press('Enter');
      await menu.waitFor();
      await page.keyboard.press('End'); // Request Account Cancellation
      await page.keyboard.press('Enter');
      const dialog = page.locator('dialog.action-requestCancellation');
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('The cancellation operation is irreversible');
      // Tab cycles inside the dialog: never out to the page behind it.
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-haspopup'))).toBe('menu');
    });

    it('fits a narrow window: panels stack and nothing overflows sideways', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        for (const tab of ['fleet', 'cards', 'exports']) {
          await page.locator(`#tab-${tab}`).click();
          await page.waitForTimeout(150);
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        }
        await page.locator('#tab-fleet').click();
        const [feed, counts] = await Promise.all([
          page.locator('.feed').boundingBox(),
          page.locator('.fleet-counts').boundingBox(),
        ]);
        expect(feed!.y).toBeGreaterThan(counts!.y + counts!.height - 1);
      } finally {
        await page.setViewportSize({ width: 1280, height: 800 });
      }
    });

    it('rewinds and forks from the time bar: the clock goes back, a fork shows where it came from', async () => {
      // The clock stands at 2026-04-01 or later (the tests before). Back to the 15th of March:
      await page.locator('.time-travel > summary').click();
      await page.locator('.time-bar input[aria-label="Rewind or fork at date"]').fill('2026-03-15');
      await page.locator('.time-travel button', { hasText: 'Rewind' }).click();
      await expect.poll(() => page.locator('.sim-time').textContent()).toBe('2026-03-15 00:00');
      expect(twin.live.world.now()).toBe(Date.UTC(2026, 2, 14, 16));
      expect(await page.locator('.time-travel').getAttribute('open')).toBeNull();
      // A fork from there with another seed: a new run, and the bar says whose fork it is.
      await page.locator('.time-travel > summary').click();
      await page.locator('.time-bar input[aria-label^="Seed of the fork"]').fill('42');
      await page.locator('.time-travel button', { hasText: 'Fork' }).click();
      await expect
        .poll(() => page.locator('.run-fork').textContent())
        .toMatch(/^fork of run \d+ at 2026-03-15$/);
      expect(twin.live.run.forkOf?.seed).toBe(42);
      // A date after now is refused next to the controls, and nothing moves.
      await page.locator('.time-travel > summary').click();
      await page.locator('.time-bar input[aria-label="Rewind or fork at date"]').fill('2026-05-01');
      await page.locator('.time-travel button', { hasText: 'Rewind' }).click();
      const error = page.locator('.time-bar .inline-error');
      await expect.poll(() => error.textContent()).toContain('after now');
      expect(twin.live.world.now()).toBe(Date.UTC(2026, 2, 14, 16));
    });

    it('had no errors in the page', () => {
      expect(pageErrors(page)).toEqual([]);
    });
  });

  describe('at 100,000 cards running 1d/s', () => {
    let twin: Twin;
    let page: Page;

    beforeAll(async () => {
      twin = await startTwin(LARGE, { speedMsPerSecond: DAY_MS });
      page = await openPage(browser, twin.url);
    }, 60_000);

    afterAll(async () => {
      await page?.close();
      await twin?.close();
    });

    it('stays responsive: no long task over 200 ms while the fleet view and the card list update', async () => {
      await expect.poll(() => page.locator('.fleet-counts .total-cards').textContent()).toBe('100,000');
      await page.evaluate(() => {
        const w = window as unknown as { perf: { longTasks: number[]; gaps: number[]; stop: boolean } };
        w.perf = { longTasks: [], gaps: [], stop: false };
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.perf.longTasks.push(entry.duration);
        }).observe({ type: 'longtask', buffered: false });
        let last = performance.now();
        const frame = (now: number) => {
          w.perf.gaps.push(now - last);
          last = now;
          if (!w.perf.stop) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
      const simStart = await page.locator('.sim-time').textContent();
      // Five seconds of the fleet view (counts, charts, feed), then the card list paged while live.
      await page.waitForTimeout(5000);
      await page.locator('#tab-cards').click();
      await page.locator('.card-table tbody tr[data-iccid]').first().waitFor();
      for (let i = 0; i < 3; i++) {
        await page.locator('button[aria-label="Next page"]').click();
        await page.waitForTimeout(400);
      }
      await page.locator('.pager select').selectOption('100');
      await page.waitForTimeout(1500);
      const perf = await page.evaluate(() => {
        const w = window as unknown as { perf: { longTasks: number[]; gaps: number[]; stop: boolean } };
        w.perf.stop = true;
        return w.perf;
      });
      const gaps = [...perf.gaps].sort((a, b) => a - b);
      const p = (q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? 0;
      const report = {
        frames: gaps.length,
        frameGapMs: {
          median: +p(0.5).toFixed(1),
          p95: +p(0.95).toFixed(1),
          max: +(gaps[gaps.length - 1] ?? 0).toFixed(1),
        },
        longTasks: perf.longTasks.length,
        longTaskMs: {
          max: +Math.max(0, ...perf.longTasks).toFixed(1),
          total: +perf.longTasks.reduce((a, b) => a + b, 0).toFixed(1),
        },
        simFrom: simStart,
        simTo: await page.locator('.sim-time').textContent(),
      };
      console.log(`viewer responsiveness at 100,000 cards, 1d/s, ~8 s: ${JSON.stringify(report)}`);
      expect(report.longTaskMs.max).toBeLessThan(200);
      expect(report.frames).toBeGreaterThan(100);
      expect(report.frameGapMs.p95).toBeLessThan(100);
      expect(report.simTo).not.toBe(report.simFrom);
      expect(await page.locator('.card-table tbody tr[data-iccid]').count()).toBe(100);
      expect(pageErrors(page)).toEqual([]);
    });
  });
});
