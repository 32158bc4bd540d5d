/**
 * The owner's announcement, told in the acknowledgement, whose job runs once more after the first
 * ETA was told there too (its process died after the edit, before the job was marked completed,
 * and another worker takes it over): the acknowledgement keeps the ETA. Seen in interaction-crash
 * as "update 1 was eta but says 'Thanks … Aino from our team is on it …'".
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
  h = await startHarness({ name: 'living-ack-owner-rerun', clock });
});
afterAll(() => h.stop());

it('when the owner announcement folded into the acknowledgement runs again after the ETA was folded, then the acknowledgement still tells the ETA', async () => {
  const drive = lifecycleDriver(h);
  const { ts, requestId: id } = await drive.newRequest('The export fails with error 500');
  clock.advance(2 * MINUTE);
  await drive.click(Users.consultant, 'request_claim', id);
  clock.advance(MINUTE);
  await drive.submit(Users.consultant, 'eta_modal', id, { eta_quick_pick_block: { eta_quick_pick: viewInput.staticSelect('in_2h') } });
  const [told] = drive.clientThread(ts);
  expect(told).toMatch(/Aino from our team is on it; estimated resolution/);

  // The announcement's job once more (a new job id: the completed one is kept to deduplicate).
  const outbox = new Queue(QueueName.Outbox, { connection: { url: process.env.REDIS_URL as string }, prefix: bullPrefix(h.prefix) });
  try {
    await outbox.add('announce_owner', { kind: 'announce_owner', teamId: TEAM, requestId: id, ownerId: Users.consultant }, { jobId: `rerun_${id}` });
    await h.idle();
    expect((await outbox.getJob(`rerun_${id}`))?.finishedOn).toBeDefined();
  } finally {
    await outbox.close();
  }
  expect(drive.clientThread(ts)).toEqual([told]);
  expect(h.slack.messagesIn(Channels.shared, ts).filter((m) => m.ts !== ts)).toHaveLength(1);
});
