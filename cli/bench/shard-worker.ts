// A bench worker thread: runs the shards the main thread sends it, one at a time, and answers each with
// its result and what it cost here (run-sharded.ts).
import { parentPort } from 'node:worker_threads';
import type { Scenario } from '../../sim/scenario/types.ts';
import { measureShard } from './measure-shard.ts';

if (!parentPort) throw new Error('shard-worker.ts runs as a worker thread (see run-sharded.ts)');
const port = parentPort;
port.on('message', (message: { shard: number; scenario: Scenario }) => {
  port.postMessage(measureShard(message.shard, message.scenario));
});
