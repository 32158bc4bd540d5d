/**
 * A job whose worker keeps dying while it runs is failed by BullMQ itself, before any processor of
 * ours sees it: the next worker that takes it fails it with the reason the stall check recorded.
 * `failedWithoutRunning` must recognise exactly that case (the workers then end it as a delivery
 * given up on: dead letter, failure notice, the client's line freed), and not a processor's error.
 */
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { failedWithoutRunning } from '../../../src/jobs/workers';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const redisUrl = process.env.REDIS_URL as string;
let prefix: string;
let connection: Redis;
const closing: Array<{ close(): Promise<void> }> = [];

beforeAll(() => {
  prefix = uniqueKeyPrefix('stalled-job');
  connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  await Promise.all(closing.map((c) => c.close().catch(() => undefined)));
  connection.disconnect();
  await deleteKeysWithPrefix(redisUrl, prefix);
});

interface Failing {
  once(event: 'failed', listener: (job: Job | undefined, error: Error) => void): unknown;
}

function failedOnce(worker: Failing): Promise<{ job: Job; error: Error }> {
  return new Promise((resolve) => worker.once('failed', (job, error) => job && resolve({ job, error })));
}

it('when a job stalls more often than allowed, then the worker that takes it next fails it without running it, and failedWithoutRunning says so', async () => {
  const queue = new Queue('stalls', { connection, prefix });
  closing.push(queue);
  await queue.add('post', { n: 1 }, { jobId: 'stalls-1' });

  // The first worker takes the job and dies with it: nobody renews its lock.
  const dying = new Worker('stalls', null, { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix, lockDuration: 300 });
  closing.push(dying);
  expect((await dying.getNextJob('dead-worker'))?.id).toBe('stalls-1');

  // The next worker finds it stalled once more than allowed (0) and fails it; our processor never runs.
  let ran = false;
  const next = new Worker(
    'stalls',
    async () => {
      ran = true;
    },
    { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix, lockDuration: 300, stalledInterval: 150, maxStalledCount: 0 },
  );
  closing.push(next);
  const { job, error } = await failedOnce(next);
  expect(ran).toBe(false);
  expect(error.message).toBe('job stalled more than allowable limit');
  expect(failedWithoutRunning(job, error)).toBe(true);
}, 15_000);

it('when our processor throws, then that failure is not taken for one BullMQ decided without running it', async () => {
  const queue = new Queue('throws', { connection, prefix });
  closing.push(queue);
  await queue.add('post', { n: 1 }, { jobId: 'throws-1' });
  const worker = new Worker(
    'throws',
    async () => {
      throw new Error('channel_not_found');
    },
    { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix },
  );
  closing.push(worker);
  const { job, error } = await failedOnce(worker);
  expect(error.message).toBe('channel_not_found');
  expect(failedWithoutRunning(job, error)).toBe(false);
});
