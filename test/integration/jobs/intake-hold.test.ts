/**
 * A message held back for the process that received it (the write-ahead of the acknowledgement at
 * once): held, it is no job yet; handled, nothing is left; released or due, it becomes its intake
 * job, once, whichever instance's pump gets there; a held entry that cannot be read is dropped and
 * reported, without holding up the others.
 */
import { Redis } from 'ioredis';
import { intakeJobId, type IntakeJob } from '../../../src/jobs/job-schemas';
import { JobQueues } from '../../../src/jobs/queues';
import { teamKeys } from '../../../src/store/keys';
import { RedisIntakeHold } from '../../../src/store/redis-intake-hold';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const redisUrl = process.env.REDIS_URL as string;
const prefix = uniqueKeyPrefix('intake-hold');
const TEAM = 'T0HOST';
const HOLD_MS = 3_000;
let redis: Redis;
let queues: JobQueues;
let other: JobQueues; // another instance
let seq = 0;

beforeAll(() => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  queues = new JobQueues(redis, prefix, undefined, new RedisIntakeHold(redis, prefix));
  other = new JobQueues(redis, prefix, undefined, new RedisIntakeHold(redis, prefix));
});
afterAll(async () => {
  await Promise.all([queues.close(), other.close()]);
  await deleteKeysWithPrefix(redisUrl, prefix);
  await redis.quit();
});

const messageJob = (): Extract<IntakeJob, { kind: 'message' }> => ({
  kind: 'message',
  teamId: TEAM,
  message: { channelId: 'C0ACME', ts: `1700000000.${String(++seq).padStart(6, '0')}`, userId: 'U0CLIENT', text: 'The export fails with error 500' },
});
const jobOf = (job: IntakeJob) => queues.intake.getJob(intakeJobId(job));
const held = async () => (await redis.zrange(teamKeys(prefix, TEAM).intakeHeld, 0, -1)).length;

beforeEach(async () => {
  // Each case starts with nothing held (an earlier case's entries would be due too).
  await redis.del(teamKeys(prefix, TEAM).intakeHeld, teamKeys(prefix, TEAM).intakeHeldData);
});

it('when a message is held and handled by its process, then no job is ever queued and nothing stays held', async () => {
  const job = messageJob();
  await queues.add(job, { delayMs: HOLD_MS });
  expect(await jobOf(job)).toBeUndefined();
  expect(await queues.heldCount(TEAM)).toBe(1);

  await queues.handled(TEAM, job.message.channelId, job.message.ts);
  expect(await queues.heldCount(TEAM)).toBe(0);
  expect((await other.queueHeld(TEAM, Date.now() + 10 * HOLD_MS)).queued).toBe(0);
  expect(await jobOf(job)).toBeUndefined();
});

it('when its process dies, then the first pump after its time queues it once, whichever instance runs it', async () => {
  const job = messageJob();
  const now = Date.now();
  await queues.add(job, { delayMs: HOLD_MS });
  expect((await other.queueHeld(TEAM, now + HOLD_MS - 500)).queued).toBe(0);

  const [a, b] = await Promise.all([queues.queueHeld(TEAM, now + HOLD_MS + 500), other.queueHeld(TEAM, now + HOLD_MS + 500)]);
  expect(a.queued + b.queued).toBeGreaterThanOrEqual(1);
  const queued = await jobOf(job);
  expect(queued?.data).toMatchObject(job);
  expect(await queues.intake.getJobCountByTypes('waiting')).toBe(1);
  expect(await held()).toBe(0);
  await queued?.remove();
});

it('when Slack delivers the event again while it is held, then it keeps its first time', async () => {
  const job = messageJob();
  const now = Date.now();
  await queues.add(job, { delayMs: HOLD_MS });
  await new Promise((resolve) => setTimeout(resolve, 20));
  await other.add(job, { delayMs: HOLD_MS });
  const score = Number(await redis.zscore(teamKeys(prefix, TEAM).intakeHeld, intakeJobId(job)));
  expect(score).toBeGreaterThanOrEqual(now + HOLD_MS);
  expect(score).toBeLessThan(now + HOLD_MS + 20);
  await queues.handled(TEAM, job.message.channelId, job.message.ts);
});

it('when its process cannot do the intake, then release queues the job at once, and catch-up meanwhile finds it known', async () => {
  const job = messageJob();
  await queues.add(job, { delayMs: 60_000 });
  expect(await other.resubmit(TEAM, job.message)).toBe('known');
  expect(await jobOf(job)).toBeUndefined();

  await queues.release(TEAM, job.message.channelId, job.message.ts);
  const queued = await jobOf(job);
  expect(queued?.data).toMatchObject(job);
  expect(await queues.heldCount(TEAM)).toBe(0);
  // Released again (a second failure, or another process): the same job, nothing more.
  await other.release(TEAM, job.message.channelId, job.message.ts);
  expect(await queues.intake.getJobCountByTypes('waiting')).toBe(1);
  await queued?.remove();
});

it('when a held entry cannot be read, then it is dropped and reported, and the entries behind it are queued', async () => {
  const k = teamKeys(prefix, TEAM);
  const now = Date.now();
  await redis.multi().hset(k.intakeHeldData, 'broken-1', '{not json').zadd(k.intakeHeld, now - 2_000, 'broken-1').exec();
  await redis.multi().hset(k.intakeHeldData, 'broken-2', 'null').zadd(k.intakeHeld, now - 1_500, 'broken-2').exec();
  await redis.zadd(k.intakeHeld, now - 1_000, 'without-data');
  const job = messageJob();
  await queues.add(job, { delayMs: 1 });

  const outcome = await queues.queueHeld(TEAM, now + 1_000);
  expect(outcome.damaged.sort()).toEqual(['broken-1', 'broken-2']);
  expect(outcome.queued).toBe(1);
  expect((await jobOf(job))?.data).toMatchObject(job);
  expect(await held()).toBe(0);
  expect(await redis.hlen(k.intakeHeldData)).toBe(0);
  await (await jobOf(job))?.remove();
});

it('when retention forgets a message that is still held, then its excerpt is gone from the hold too', async () => {
  const job = messageJob();
  await queues.add(job, { delayMs: 60_000 });
  await queues.forget(TEAM, job.message.channelId, job.message.ts);
  expect(await queues.heldCount(TEAM)).toBe(0);
  expect(await redis.hlen(teamKeys(prefix, TEAM).intakeHeldData)).toBe(0);
});
