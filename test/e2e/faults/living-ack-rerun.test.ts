/**
 * A job that told something by editing the acknowledgement in place runs once more (its process
 * died after the edit, before the job was marked completed, and another worker took it over):
 * - the first ETA's job, after the request was resolved: nothing is posted. Seen in
 *   interaction-crash (seed 81409) as "update 1 (eta_set) posted 2 times", once folded and once
 *   posted after the later updates;
 * - the owner's announcement, after the first ETA was told there too: the acknowledgement keeps the
 *   ETA. Seen in interaction-crash as "update 1 was eta but says 'Thanks … Aino from our team is on
 *   it …'".
 */
import { Queue } from 'bullmq';
import { viewInput } from '../../support/builders';
import { QueueName } from '../../../src/jobs/queues';
import type { OutboxJob } from '../../../src/jobs/job-schemas';
import { bullPrefix } from '../../../src/store/keys';
import { Channels, type Harness, PinnedClock, Users, startHarness } from '../harness';
import { lifecycleDriver } from '../support/lifecycle-driver';

const MINUTE = 60_000;
const TEAM = 'T0HOST';
let clock: PinnedClock;
let h: Harness;
let drive: ReturnType<typeof lifecycleDriver>;

// Each case on an app of its own, from the same pinned instant.
beforeEach(async () => {
  clock = new PinnedClock();
  h = await startHarness({ name: 'living-ack-rerun', clock });
  drive = lifecycleDriver(h);
});
afterEach(() => h.stop());

/** A new request, claimed, then its first ETA: both told by editing the acknowledgement. */
async function ownerAndEtaFolded() {
  const { ts, requestId: id } = await drive.newRequest('The export fails with error 500');
  clock.advance(2 * MINUTE);
  await drive.click(Users.consultant, 'request_claim', id);
  clock.advance(MINUTE);
  await drive.submit(Users.consultant, 'eta_modal', id, { eta_quick_pick_block: { eta_quick_pick: viewInput.staticSelect('in_2h') } });
  return { ts, id };
}

/** The job once more, under a new job id (the completed one is kept to deduplicate); it completes. */
async function rerun(job: OutboxJob & { requestId: string }): Promise<void> {
  const outbox = new Queue(QueueName.Outbox, { connection: { url: process.env.REDIS_URL as string }, prefix: bullPrefix(h.prefix) });
  try {
    await outbox.add(job.kind, job, { jobId: `rerun_${job.requestId}` });
    await h.idle();
    expect((await outbox.getJob(`rerun_${job.requestId}`))?.finishedOn).toBeDefined();
  } finally {
    await outbox.close();
  }
}

it('when the first ETA folded into the acknowledgement runs again after the request was resolved, then it is not posted', async () => {
  const { ts, id } = await ownerAndEtaFolded();
  expect(drive.clientThread(ts)[0]).toMatch(/estimated resolution/);
  const { etaAt, nextUpdateDueAt } = await h.request(id);
  clock.advance(30 * MINUTE);
  await drive.submit(Users.consultant, 'resolve_modal', id, { resolve_summary_block: { resolve_summary: viewInput.text('Fixed.') } });
  const before = h.slack.messagesIn(Channels.shared, ts).length;

  await rerun({ kind: 'client_update', teamId: TEAM, requestId: id, seq: 1, update: { type: 'eta', etaAt: etaAt as number, nextUpdateDueAt } });
  expect(h.slack.messagesIn(Channels.shared, ts)).toHaveLength(before);
  expect(drive.clientPosts(ts).filter((text) => /^Estimated resolution/.test(text))).toHaveLength(0);
});

it('when the owner announcement folded into the acknowledgement runs again after the ETA was folded, then the acknowledgement still tells the ETA', async () => {
  const { ts, id } = await ownerAndEtaFolded();
  const [told] = drive.clientThread(ts);
  expect(told).toMatch(/Aino from our team is on it; estimated resolution/);

  await rerun({ kind: 'announce_owner', teamId: TEAM, requestId: id, ownerId: Users.consultant });
  expect(drive.clientThread(ts)).toEqual([told]);
  expect(h.slack.messagesIn(Channels.shared, ts).filter((m) => m.ts !== ts)).toHaveLength(1);
});
