/**
 * A first ETA told in the acknowledgement, whose job runs once more after the request was resolved
 * (its process died after the edit, before the job was marked completed, and another worker took
 * it over later): nothing is posted. Seen in interaction-crash (seed 81409) as "update 1 (eta_set)
 * posted 2 times", once folded and once posted after the later updates.
 */
import { Queue } from 'bullmq';
import { viewInput } from '../../support/builders';
import { QueueName } from '../../../src/jobs/queues';
import { bullPrefix } from '../../../src/store/keys';
import { Channels, type Harness, PinnedClock, Users, startHarness } from '../harness';
import { lifecycleDriver } from '../support/lifecycle-driver';

const MINUTE = 60_000;
const TEAM = 'T0HOST';
const clock = new PinnedClock();
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ name: 'living-ack-eta-rerun', clock });
});
afterAll(() => h.stop());

it('when the first ETA folded into the acknowledgement runs again after the request was resolved, then it is not posted', async () => {
  const drive = lifecycleDriver(h);
  const { ts, requestId: id } = await drive.newRequest('The export fails with error 500');
  clock.advance(2 * MINUTE);
  await drive.click(Users.consultant, 'request_claim', id);
  clock.advance(MINUTE);
  await drive.submit(Users.consultant, 'eta_modal', id, { eta_quick_pick_block: { eta_quick_pick: viewInput.staticSelect('in_2h') } });
  expect(drive.clientThread(ts)[0]).toMatch(/estimated resolution/);
  const { etaAt, nextUpdateDueAt } = await h.request(id);
  clock.advance(30 * MINUTE);
  await drive.submit(Users.consultant, 'resolve_modal', id, { resolve_summary_block: { resolve_summary: viewInput.text('Fixed.') } });
  const before = h.slack.messagesIn(Channels.shared, ts).length;

  // The ETA update's job once more (a new job id: the completed one is kept to deduplicate).
  const outbox = new Queue(QueueName.Outbox, { connection: { url: process.env.REDIS_URL as string }, prefix: bullPrefix(h.prefix) });
  try {
    const update = { type: 'eta' as const, etaAt: etaAt as number, nextUpdateDueAt };
    await outbox.add('client_update', { kind: 'client_update', teamId: TEAM, requestId: id, seq: 1, update }, { jobId: `rerun_${id}` });
    await h.idle();
    expect((await outbox.getJob(`rerun_${id}`))?.finishedOn).toBeDefined();
  } finally {
    await outbox.close();
  }
  expect(h.slack.messagesIn(Channels.shared, ts)).toHaveLength(before);
  expect(drive.clientPosts(ts).filter((text) => /^Estimated resolution/.test(text))).toHaveLength(0);
});
