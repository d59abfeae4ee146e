// The entry of a bench worker thread. A worker starts without the main thread's module hooks, so it
// registers tsx itself, exactly as bin/cardtwin.js does, before it loads the TypeScript. In a build
// (tsconfig.build.json), shard-worker.ts compiles to a file of this name and takes its place, so
// run-sharded.ts loads the same path either way.
import { register } from 'tsx/esm/api';

register();
await import('./shard-worker.ts');
