// The entry of a bench worker thread. A worker starts without the main thread's module hooks, so it
// registers tsx itself, exactly as bin/cardtwin.js does, before it loads the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./shard-worker.ts');
