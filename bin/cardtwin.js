#!/usr/bin/env node
// The `cardtwin` command. The twin is written in TypeScript and runs through tsx, so there is no
// build step between `npm install` and using it.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
