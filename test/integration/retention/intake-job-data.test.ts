/**
 * Intake jobs (kept a day after they ran, a week when they failed, and copied into dead letters)
 * hold no more of a client's words than the request will: the excerpt. What intake reads from the
 * rest, the urgency, goes along.
 */
import { Redis } from 'ioredis';
import { EXCERPT_LENGTH } from '../../../src/domain/request';
import { intakeJobId } from '../../../src/jobs/job-schemas';
import { JobQueues } from '../../../src/jobs/queues';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';

const redisUrl = process.env.REDIS_URL as string;
const prefix = uniqueKeyPrefix('intake-job-data');
let redis: Redis;
let queues: JobQueues;

beforeAll(() => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  queues = new JobQueues(redis, prefix);
});
afterAll(async () => {
  await queues.close();
  await deleteKeysWithPrefix(redisUrl, prefix);
  await redis.quit();
});

const TAIL = 'Our whole production line is down, customer id 4411-PRIVATE';
const long = `${'We have a question about the March invoices and the export settings. '.repeat(20)}${TAIL}`;

it.each([
  ['a message event', (ts: string) => ({ kind: 'message' as const, teamId: 'T0HOST', message: { channelId: 'C0ACME', ts, userId: 'U0CLIENT', text: long } })],
  [
    'a manual trigger carrying the message',
    (ts: string) => ({ kind: 'track' as const, teamId: 'T0HOST', trigger: 'shortcut' as const, actorId: 'U0AINO', channelId: 'C0ACME', ts, message: { channelId: 'C0ACME', ts, userId: 'U0CLIENT', text: long } }),
  ],
])('when %s with a long text is queued, then the job keeps its excerpt and its urgency, not the rest', async (_label, make) => {
  const job = make(`1700000000.${Math.floor(Math.random() * 1e6)}`);
  await queues.add(job);
  const stored = await queues.intake.getJob(intakeJobId(job));
  const message = stored?.data.message as { text: string; priority?: string };
  expect(Array.from(message.text).length).toBeLessThanOrEqual(EXCERPT_LENGTH);
  expect(JSON.stringify(stored?.data)).not.toContain('4411-PRIVATE');
  expect(message.priority).toBe('urgent');
});

it('when catch-up hands a missed message to intake, then its job is trimmed the same way', async () => {
  const message = { channelId: 'C0ACME', ts: '1700000001.000100', userId: 'U0CLIENT', text: long };
  expect(await queues.resubmit('T0HOST', message)).toBe('added');
  const stored = await queues.intake.getJob(intakeJobId({ kind: 'message', teamId: 'T0HOST', message }));
  expect(JSON.stringify(stored?.data)).not.toContain('4411-PRIVATE');
});
