#!/usr/bin/env node
// The `cardtwin` command. The twin is written in TypeScript and runs through tsx, so there is no
// build step between `npm install` and using it.
import { register } from 'tsx/esm/api';

register();
// `cardtwin run … | head`: a reader that stops early is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { runCli } = await import('../cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
