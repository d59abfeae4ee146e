// The twin's version, from package.json (source tree or build).
import { readFileSync } from 'node:fs';

export function version(): string {
  // cli/main.ts runs from the source tree, dist/cli/main.js from a build: package.json is one or two up.
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {
        name?: string;
        version: string;
      };
      if (pkg.name === 'cardtwin') return pkg.version;
    } catch {
      // not here; try the next place
    }
  }
  return 'unknown';
}
