// Screenshots of the viewer's main views (npm run screenshots, or npx tsx viewer/screenshots.ts): a twin
// of the built-in demo in this process, the clock run for a few seconds with the page open, then PNGs
// at 1280x800 (fleet at a glance, card list, card details, action dialogs, Exported Files) and at
// 390x844 (a phone) into viewer/screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { demoScenario } from '../cli/commands/serve.ts';
import {
  ensureViewerBuilt,
  hasChromium,
  INSTALL_HINT,
  launchChromium,
  startTwin,
  viewerDir,
} from './test/harness.ts';

const WEEK_MS = 7 * 86_400_000;

async function openSearch(page: Page): Promise<void> {
  const toggle = page.locator('button[aria-controls="advanced-search"]');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}
const outDir = join(viewerDir, 'screenshots');

async function main(): Promise<void> {
  if (!hasChromium) {
    console.error(INSTALL_HINT.replace('browser tests skipped', 'no screenshots'));
    process.exitCode = 2;
    return;
  }
  mkdirSync(outDir, { recursive: true });
  const build = await ensureViewerBuilt();
  if (build.built) console.log(`viewer built in ${Math.round(build.ms)} ms`);
  const twin = await startTwin(demoScenario());
  // Start a little into the year, so that the cards have a history, then run with the page open.
  twin.live.advanceTo(Date.parse('2026-02-20T00:00:00+08:00'));
  await twin.live.settled();
  const browser = await launchChromium();
  const shots: string[] = [];
  const shot = async (page: Page, name: string, fullPage = false) => {
    // Toasts from earlier steps would cover the view.
    await page.evaluate(() => document.querySelectorAll('.toast').forEach((toast) => toast.remove()));
    const path = join(outDir, `${name}.png`);
    await page.screenshot({ path, fullPage });
    shots.push(path);
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(twin.url);
    await page.locator('.connection[data-state="open"]').waitFor();
    twin.live.play(WEEK_MS / 2);
    await page.waitForTimeout(7000);
    twin.live.pause();
    await page.waitForTimeout(1200);
    await shot(page, '1-fleet-at-a-glance');
    await shot(page, '1-fleet-at-a-glance-full', true);
    // Back in time: the rewind and fork panel of the time bar, open.
    await page.locator('.time-travel > summary').click();
    await page.locator('.time-bar input[aria-label="Rewind or fork at date"]').fill('2026-02-25');
    await shot(page, '1-time-travel');
    await page.locator('.time-travel > summary').click();

    await page.locator('#tab-cards').click();
    await page.locator('.card-table tbody tr[data-iccid]').first().waitFor();
    await page.locator('button[aria-controls="advanced-search"]').click();
    await page.locator('.search-form select[name="status"]').selectOption('Suspended');
    await page.locator('.search-form button[type="submit"]').click();
    await page.waitForTimeout(600);
    const boxes = page.locator('.card-table tbody input[type="checkbox"]');
    for (let i = 0; i < Math.min(3, await boxes.count()); i++) await boxes.nth(i).check();
    await page.waitForTimeout(200);
    await shot(page, '2-card-list-search-and-selection');
    await page.locator('.search-form button', { hasText: 'Reset' }).click();
    await page.locator('button[aria-controls="advanced-search"]').click();
    await page.locator('.batch-bar button', { hasText: 'Clear selection' }).click();
    await page.waitForTimeout(600);
    await shot(page, '2-card-list');

    // A smart card, for its sub-cards.
    await openSearch(page);
    await page.locator('.search-form select[name="carrier"]').selectOption('AL');
    await page.locator('.search-form button[type="submit"]').click();
    await page.waitForTimeout(600);
    await page.locator('.card-table tbody tr[data-iccid] button', { hasText: 'View' }).first().click();
    await page.locator('dialog.card-details .detail-section').first().waitFor();
    await page.waitForTimeout(500);
    await shot(page, '3-card-details');
    await page.locator('dialog.card-details .details-actions button', { hasText: 'Top-up' }).click();
    await page.locator('dialog.action-topUp').waitFor();
    await shot(page, '4-action-top-up');
    await page.keyboard.press('Escape');
    await page.locator('dialog.card-details button[data-key="details-more"]').click();
    await page.locator('.menu [role="menuitem"]', { hasText: 'Request Account Cancellation' }).click();
    const cancel = page.locator('dialog.action-requestCancellation');
    await cancel.locator('button[type="submit"]').click();
    await cancel.locator('.form-error').waitFor();
    await shot(page, '4-action-cancel-refused');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    // A camera of the FLEET pool: an automation rule with trigger records, and its operation records.
    await openSearch(page);
    await page.locator('.search-form select[name="carrier"]').selectOption('');
    await page.locator('.search-form input[name="voucher"]').fill('CU_UP_M_1_FLEET');
    await page.locator('.search-form button[type="submit"]').click();
    await page.waitForTimeout(600);
    await page.locator('.card-table tbody tr[data-iccid] button', { hasText: 'View' }).first().click();
    await page.locator('dialog.card-details #detail-settings').waitFor();
    await page.locator('dialog.card-details #detail-settings').evaluate((el) => el.scrollIntoView());
    await page.waitForTimeout(300);
    await shot(page, '3-card-details-settings-and-records');
    await page.keyboard.press('Escape');

    await page.locator('.search-form button', { hasText: 'Reset' }).click();
    await page.locator('.cards-panel button', { hasText: 'Export' }).click();
    await page.locator('dialog.export-dialog input[name="fileName"]').fill('all-cards-march');
    await page.locator('dialog.export-dialog select[name="months"]').selectOption('3');
    await shot(page, '5-export-dialog');
    await page.locator('dialog.export-dialog button[type="submit"]').click();
    await page.locator('.export-table tr[data-export="all-cards-march.csv"]').waitFor();
    await page.locator('#tab-cards').click();
    await openSearch(page);
    await page.locator('.search-form select[name="carrier"]').selectOption('CT');
    await page.locator('.search-form button[type="submit"]').click();
    await page.locator('.cards-panel button', { hasText: 'Export' }).click();
    await page.locator('dialog.export-dialog input[name="daily"]').check();
    await page.locator('dialog.export-dialog button[type="submit"]').click();
    await page.locator('.export-table tbody tr').nth(1).waitFor();
    await page.waitForTimeout(300);
    await shot(page, '5-exported-files');

    await page.locator('#tab-fleet').click();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(800);
    await shot(page, '6-narrow-fleet');
    await page.locator('.status-chart').evaluate((el) => el.scrollIntoView());
    await page.waitForTimeout(300);
    await shot(page, '6-narrow-fleet-charts');
    await page.locator('.feed').evaluate((el) => el.scrollIntoView());
    await page.waitForTimeout(300);
    await shot(page, '6-narrow-event-feed');
    await page.locator('#tab-cards').click();
    await page.locator('.search-form button', { hasText: 'Reset' }).click();
    await page.locator('button[aria-controls="advanced-search"]').click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(600);
    await shot(page, '6-narrow-card-list');
    await page.locator('.card-table tbody tr[data-iccid] button', { hasText: 'View' }).first().click();
    await page.locator('dialog.card-details .detail-section').first().waitFor();
    await page.waitForTimeout(400);
    await shot(page, '6-narrow-card-details');
  } finally {
    await browser.close();
    await twin.close();
  }
  console.log(`${shots.length} screenshots in ${outDir}:\n${shots.map((s) => `  ${s}`).join('\n')}`);
}

await main();
