/**
 * A worker thread of the index step: indexes the shards it is sent, one at a time. Pagefind's module
 * keeps one indexing process per JavaScript realm, and that process indexes on one core, so the step
 * runs shards side by side in workers of their own (`indexShards`).
 */
import { parentPort } from 'node:worker_threads';
import { indexShard, type ShardJob } from './shard-index.ts';

/** What a worker answers for each job: nothing when the bundle is written, else why not. */
export type ShardReply = { ok: true } | { ok: false; message: string };

parentPort?.on('message', async (job: ShardJob) => {
  // While a shard is indexed, only Pagefind's process keeps this thread alive. When that process dies
  // (it panics on a folder it cannot write), Pagefind's pending call never settles: the thread then
  // ends instead of waiting forever, and the index step fails on its exit.
  parentPort?.unref();
  let reply: ShardReply;
  try {
    await indexShard(job);
    reply = { ok: true };
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.ref();
  parentPort?.postMessage(reply);
});
