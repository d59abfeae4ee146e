// What the browser tests and the screenshot script share: build the viewer when its build is missing
// or older than its sources, start a real twin in this process (buildApp on port 0, serving
// viewer/dist), and launch Debian's Chromium through playwright-core.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { buildApp, type BuiltApp } from '../../server/app.ts';
import { parseScenario } from '../../sim/scenario/parse.ts';
import type { Scenario } from '../../sim/scenario/types.ts';

export const viewerDir = fileURLToPath(new URL('..', import.meta.url));
export const distDir = join(viewerDir, 'dist');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
export const INSTALL_HINT = `browser tests skipped: no Chromium at ${chromiumPath} (install it: apt-get install -y chromium)`;

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Build viewer/dist with Vite's API when it is missing or older than the viewer's sources. */
export async function ensureViewerBuilt(): Promise<{ built: boolean; ms: number }> {
  const started = performance.now();
  const index = join(distDir, 'index.html');
  const sources = Math.max(
    newestMtime(join(viewerDir, 'src')),
    newestMtime(join(viewerDir, 'index.html')),
    newestMtime(join(viewerDir, 'vite.config.ts')),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return { built: false, ms: 0 };
  const { build } = await import('vite');
  await build({ configFile: join(viewerDir, 'vite.config.ts'), root: viewerDir, logLevel: 'warn' });
  return { built: true, ms: performance.now() - started };
}

export interface Twin extends BuiltApp {
  readonly url: string;
  close(): Promise<void>;
}

/** A twin of `scenario` on a free port, serving the built viewer; paused unless a speed is given. */
export async function startTwin(
  scenario: Scenario,
  options: { speedMsPerSecond?: number } = {},
): Promise<Twin> {
  const built = await buildApp({
    scenario,
    viewerDir: distDir,
    ...(options.speedMsPerSecond !== undefined ? { playSpeedMsPerSecond: options.speedMsPerSecond } : {}),
  });
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const address = built.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { ...built, url: `http://127.0.0.1:${port}/`, close: () => built.app.close() };
}

export function scenario(input: unknown): Scenario {
  return parseScenario(input);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

export const DAY_MS = 86_400_000;
