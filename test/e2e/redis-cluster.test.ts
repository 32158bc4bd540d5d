/**
 * The app on a real three-node Redis Cluster (REDIS_CLUSTER_NODES; masters on free ports, started
 * by test/support/redis/cluster.ts): the acknowledgement, a whole lifecycle (claim, ETA, an
 * update at the reminder, resolution) and `/status`, with every key of the workspace in one slot
 * and BullMQ's in one of their own. Time moves with a pinned clock; timers are promoted, never slept on.
 */
import { globalKeys, teamKeys } from '../../src/store/keys';
import { KEY_SCHEMA_VERSION } from '../../src/store/keys';
import { scanKeys } from '../../src/store/redis-client';
import { TIMERS_QUEUE } from '../../src/jobs/timer-queue';
import { slashCommand, viewInput } from '../support/builders';
import { type LaunchedCluster, launchRedisCluster } from '../support/redis/cluster';
import { Channels, type Harness, PinnedClock, Users, startHarness } from './harness';
import { dm, helsinkiDate, lifecycleDriver } from './support/lifecycle-driver';

const MINUTE = 60_000;
const TEAM = 'T0HOST';
const clock = new PinnedClock();
let cluster: LaunchedCluster;
let h: Harness;
let drive: ReturnType<typeof lifecycleDriver>;

beforeAll(async () => {
  cluster = await launchRedisCluster();
  h = await startHarness({ name: 'cluster', clock, env: { REDIS_URL: cluster.url, REDIS_CLUSTER_NODES: cluster.seeds, TEAM_LEADS: Users.lead } });
  drive = lifecycleDriver(h);
}, 30_000);
afterAll(async () => {
  await h?.stop();
  await cluster?.stop();
});

const slotOf = async (key: string) => Number(await h.redis.cluster('KEYSLOT', key));

describe('on a Redis Cluster', () => {
  let ts: string;
  let id: string;

  it('when a client posts a request, then it is acknowledged in its thread and carded, and its keys share one slot', async () => {
    ({ ts, requestId: id } = await drive.newRequest('Our export job fails on the cluster'));

    expect(drive.clientThread(ts)).toEqual([expect.stringMatching(/^Thanks, Maria — we've received your request/)]);
    expect(h.slack.reactionsOn(Channels.shared, ts)).toContain('eyes');
    expect((await h.request(id)).state).toBe('open');
    // Every key the app wrote for the workspace is in the workspace's slot; every BullMQ key in BullMQ's.
    const k = teamKeys(h.prefix, TEAM);
    const teamSlot = await slotOf(k.request(id));
    const bullSlot = await slotOf(`${h.prefix}:{bull}:${TIMERS_QUEUE}:delayed`);
    const slots = new Map<string, Set<number>>();
    for await (const keys of scanKeys(h.redis, `${h.prefix}:*`)) {
      for (const key of keys) {
        const kind = key.startsWith(`${h.prefix}:{${TEAM}}:`) ? 'team' : key.startsWith(`${h.prefix}:{bull}:`) ? 'bull' : 'global';
        slots.set(kind, (slots.get(kind) ?? new Set()).add(await slotOf(key)));
      }
    }
    expect(slots.get('team')).toEqual(new Set([teamSlot]));
    expect(slots.get('bull')).toEqual(new Set([bullSlot]));
    expect(await h.redis.get(globalKeys(h.prefix).schema)).toBe(String(KEY_SCHEMA_VERSION));
    // The cluster really spreads them: the three masters each hold slots.
    expect(String(await h.redis.cluster('INFO'))).toMatch(/cluster_size:3/);
  });

  it('when the consultant claims it and sets an ETA, then the client hears who is on it and when to expect it', async () => {
    await drive.click(Users.consultant, 'request_claim', id);
    // The acknowledgement lives: edited in place as the owner and the first ETA come at once.
    expect(drive.clientThread(ts)).toEqual([expect.stringMatching(/^Thanks, Maria — we've received your request\. Aino from our team is on it\. You'll get/)]);

    await drive.clickOn(drive.lastDm(Users.consultant, /When do you expect/), Users.consultant, 'request_set_eta', id);
    const etaDate = helsinkiDate(clock.now() + 2 * 24 * 60 * MINUTE);
    await drive.submit(Users.consultant, 'eta_modal', id, {
      eta_date_block: { eta_date: viewInput.date(etaDate) },
      eta_time_block: { eta_time: viewInput.time('16:00') },
    });
    expect(drive.clientThread(ts)).toEqual([
      expect.stringMatching(/^Thanks, Maria — we've received your request\. Aino from our team is on it; estimated resolution .+ at 16:00\. You'll get the next update by .+\.$/),
    ]);
    expect((await h.request(id)).state).toBe('in_progress');
  });

  it('when the reminder comes and the owner posts an update, then the client reads it', async () => {
    await h.advance(226 * MINUTE);
    await drive.clickOn(drive.lastDm(Users.consultant, /^Update due at/), Users.consultant, 'request_post_update', id);
    await drive.submit(Users.consultant, 'update_modal', id, { update_text_block: { update_text: viewInput.text('The export server is back') } });
    expect(drive.clientThread(ts).at(-1)).toMatch(/^The export server is back\nNext update by .+\.$/);
  });

  it('when the owner resolves it, then the client sees the summary and every timer is cancelled', async () => {
    await drive.click(Users.consultant, 'request_resolve', id, { channel: dm(Users.consultant), ts: '1.000002' });
    await drive.submit(Users.consultant, 'resolve_modal', id, { resolve_summary_block: { resolve_summary: viewInput.text('Disk replaced.') } });
    expect(drive.clientThread(ts).at(-1)).toMatch(/^Resolved: Disk replaced\./);
    expect((await h.request(id)).state).toBe('resolved');
    expect(await h.apps[0]?.timers.pending(TEAM, id)).toEqual([]);
  });

  it('when a consultant asks /status, then the open requests are listed from the cluster', async () => {
    const open = await drive.newRequest('A second request on the cluster');
    const res = await h.send.command(slashCommand({ user_id: Users.consultant, channel_id: Channels.internal, text: '', response_url: h.slack.responseUrl() }));
    expect(res.status).toBe(200);
    const answer = JSON.stringify(JSON.parse(res.body));
    expect(answer).toContain('A second request on the cluster');
    expect(answer).not.toContain('Our export job fails on the cluster');
    expect((await h.request(open.requestId)).state).toBe('open');
  });

  it('when /readyz is asked, then every check passes (a write, and persistence read on each master)', async () => {
    const res = await fetch(`${h.baseUrl()}/readyz`);
    expect(await res.json()).toMatchObject({ ok: true, checks: { redis: true, persistence: true } });
  });
});
