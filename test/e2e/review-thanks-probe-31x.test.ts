import { Queue } from 'bullmq';
import { QueueName } from '../../src/jobs/queues';
import { bullPrefix } from '../../src/store/keys';
import { thanksOffers } from '../../src/domain/thanks';
import { blockAction } from '../support/builders';
import { Channels, type Harness, PinnedClock, Users, startHarness } from './harness';
import { dm } from './support/lifecycle-driver';

const PASS_ON = 'digest_pass_on_thanks';

describe('review probes', () => {
  const clock = new PinnedClock();
  let h: Harness;
  let queue: Queue;
  beforeAll(async () => {
    h = await startHarness({ name: 'review-thanks-probe', clock, env: { TEAM_LEADS: Users.lead } });
    queue = new Queue(QueueName.Outbox, { connection: h.redis.duplicate(), prefix: bullPrefix(h.prefix) });
  });
  afterAll(async () => { await queue.close(); await h.stop(); });

  const click = (from: number, ts: string) =>
    h.send.interaction(blockAction({ user: Users.lead, actionId: PASS_ON, value: `C0SHARED|${from}|1|U0AINO`, channel: dm(Users.lead), message: { ts } }));

  it('slow chat.update delays the HTTP answer to the click', async () => {
    const from = clock.now() - 30 * 24 * 3600_000;
    h.slack.failNext('chat.update', { kind: 'slow', delayMs: 4000 }, 1);
    const t0 = Date.now();
    const res = await click(from, '1.000010');
    const took = Date.now() - t0;
    console.log('HTTP answer after ms:', took, 'status', res.status);
    await h.idle();
  }, 20000);

  it('a second click after a permanent failure says passed on but queues nothing', async () => {
    const from = clock.now() - 60 * 24 * 3600_000;
    const week = new Date(from).toISOString().slice(0, 10);
    h.slack.failNext('chat.postMessage', { kind: 'slack_error', error: 'restricted_action' }, 1, (a) => a.channel === Channels.shared);
    await click(from, '1.000020');
    await h.idle();
    const job = await queue.getJob(`thanks_T0HOST_C0SHARED_${week}`);
    console.log('after first click, job state:', await job?.getState());
    const postsBefore = h.slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.shared && c.ok !== false).length;
    const updatesBefore = h.slack.callsTo('chat.update').length;
    const noticesBefore = h.slack.callsTo('chat.postMessage', (c) => c.args.channel === dm(Users.lead)).length;
    await click(from, '1.000021');
    await h.idle();
    const lastUpdate = h.slack.callsTo('chat.update').slice(updatesBefore);
    const eph = h.slack.callsTo('chat.postEphemeral').slice(-1);
    console.log('second click: updates', lastUpdate.map((c) => JSON.stringify(c.args).slice(0, 300)), 'ephemeral', eph.map((c) => c.args.text));
    console.log('job state now:', await (await queue.getJob(`thanks_T0HOST_C0SHARED_${week}`))?.getState());
    console.log('client posts delta:', h.slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.shared && c.ok !== false).length - postsBefore);
    console.log('DMs to lead delta:', h.slack.callsTo('chat.postMessage', (c) => c.args.channel === dm(Users.lead)).length - noticesBefore);
  }, 30000);

  it('the top-10 cut is global, before per-lead filtering', () => {
    const hist = Array.from({ length: 11 }, (_, i) =>
      Array.from({ length: 11 - i }, (_, j) => ({ request: { id: `r${i}_${j}`, createdAt: 1, resolvedAt: 5, state: 'resolved' as const, channelId: `C${String(i).padStart(2, '0')}`, ownerId: 'U1' }, events: [] })),
    ).flat();
    const offers = thanksOffers(hist, 0, 10);
    console.log('offers:', offers.map((o) => o.channelId).join(','), 'C10 offered?', offers.some((o) => o.channelId === 'C10'));
  });
});
