/**
 * GET /metrics as Prometheus scrapes it, before and after a request's life: acknowledged (with
 * its latency), claimed, reminded, escalated and resolved, a 429 on the way and a closing that
 * Slack refuses. The text is parsed as Prometheus reads it; counters and gauges must move by
 * exactly what happened.
 */
import { eventEnvelope, messageEvent } from '../support/builders';
import { parsePrometheusText, type Scrape } from '../support/prometheus-text';
import { Channels, type Harness, PinnedClock, Users, startHarness, tsNow } from './harness';
import { dm, lifecycleDriver, requestIdIn } from './support/lifecycle-driver';
import { viewInput } from '../support/builders';

const MINUTE = 60_000;
const clock = new PinnedClock();
let h: Harness;
let drive: ReturnType<typeof lifecycleDriver>;

beforeAll(async () => {
  h = await startHarness({ name: 'metrics', clock, env: { TEAM_LEADS: Users.lead } });
  drive = lifecycleDriver(h);
});
afterAll(() => h.stop());

async function scrape(): Promise<Scrape> {
  const res = await fetch(`${h.baseUrl()}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await res.text());
}

const requests = (s: Scrape) => ({
  open: s.value('kuittaus_open_requests', { state: 'open' }),
  in_progress: s.value('kuittaus_open_requests', { state: 'in_progress' }),
  waiting_on_client: s.value('kuittaus_open_requests', { state: 'waiting_on_client' }),
  overdue: s.value('kuittaus_requests_update_overdue'),
});
/** Jobs waiting or running: none once the app is idle. */
const queued = (s: Scrape) => s.samples('kuittaus_queue_jobs').filter((x) => x.value > 0 && ['waiting', 'active', 'prioritized'].includes(x.labels.state!));
const delayedTimers = (s: Scrape) => s.value('kuittaus_queue_jobs', { queue: 'timers', state: 'delayed' });
const pendingTimers = (s: Scrape) => s.value('kuittaus_timers_pending');
/** How much a sample moved between two scrapes. */
const moved = (before: Scrape, after: Scrape, name: string, labels?: Record<string, string>) => after.value(name, labels) - before.value(name, labels);

it('when a request is acknowledged, claimed, reminded, escalated and resolved, then /metrics moves by exactly that', async () => {
  const start = await scrape();
  expect(start.types.get('kuittaus_acknowledgements_total')).toBe('counter');
  expect(start.types.get('kuittaus_acknowledgement_latency_seconds')).toBe('histogram');
  expect(start.types.get('kuittaus_open_requests')).toBe('gauge');
  expect(start.value('kuittaus_scrape_source_up', { source: 'requests' })).toBe(1);
  expect(start.value('kuittaus_scrape_source_up', { source: 'queues' })).toBe(1);
  expect(requests(start)).toEqual({ open: 0, in_progress: 0, waiting_on_client: 0, overdue: 0 });
  // Every queue and state is exported, at 0 while idle.
  for (const queue of ['intake', 'outbox', 'timers']) {
    for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(start.has('kuittaus_queue_jobs', { queue, state })).toBe(true);
  }
  expect(queued(start)).toEqual([]);
  expect(delayedTimers(start)).toBe(1); // the weekly digest's next run
  expect(start.types.get('kuittaus_timers_pending')).toBe('gauge');
  expect(pendingTimers(start)).toBe(0);
  expect(start.types.get('kuittaus_intake_held')).toBe('gauge');
  expect(start.value('kuittaus_intake_held')).toBe(0);

  // The client's message reached the app 1.5 s after it was posted (its ts is 1.5 s old).
  const ts = tsNow(clock.now() - 1500);
  await h.send.event(eventEnvelope(messageEvent({ channel: Channels.shared, user: h.newClient(), user_team: 'T0CLIENT', text: 'The export fails', ts }), { isExtSharedChannel: true }));
  const card = await h.slack.waitForCall('chat.postMessage', (c) => c.args.channel === Channels.triage && c.args.thread_ts === undefined);
  await h.idle();
  const id = requestIdIn(card.args.blocks) as string;

  const acked = await scrape();
  // Handled by the process that received it: nothing stays held.
  expect(acked.value('kuittaus_intake_held')).toBe(0);
  expect(moved(start, acked, 'kuittaus_acknowledgements_total', { trigger: 'auto' })).toBe(1);
  expect(moved(start, acked, 'kuittaus_acknowledgement_latency_seconds_count', { trigger: 'auto' })).toBe(1);
  expect(moved(start, acked, 'kuittaus_acknowledgement_latency_seconds_sum', { trigger: 'auto' })).toBeCloseTo(1.5, 3);
  expect(moved(start, acked, 'kuittaus_acknowledgement_latency_seconds_bucket', { trigger: 'auto', le: '1' })).toBe(0);
  expect(moved(start, acked, 'kuittaus_acknowledgement_latency_seconds_bucket', { trigger: 'auto', le: '2' })).toBe(1);
  expect(moved(start, acked, 'kuittaus_client_messages_total', { kind: 'acknowledgement' })).toBe(1);
  // The acknowledgement and the card; users.info and conversations.info answered the spotting rules.
  expect(moved(start, acked, 'kuittaus_slack_api_calls_total', { method: 'chat.postMessage' })).toBe(2);
  expect(moved(start, acked, 'kuittaus_slack_api_calls_total', { method: 'reactions.add' })).toBe(1);
  expect(requests(acked)).toEqual({ open: 1, in_progress: 0, waiting_on_client: 0, overdue: 0 });
  expect(queued(acked)).toEqual([]);
  // The request's reminder waits in the team's timers until it is due; no job yet.
  expect(pendingTimers(acked)).toBe(1);
  expect(delayedTimers(acked)).toBe(1);

  await drive.click(Users.consultant, 'request_claim', id);
  await h.idle();
  const claimed = await scrape();
  // Claimed at once: told by editing the acknowledgement, counted apart from a post.
  expect(moved(acked, claimed, 'kuittaus_client_messages_total', { kind: 'owner_announced_folded' })).toBe(1);
  expect(moved(acked, claimed, 'kuittaus_client_messages_total', { kind: 'owner_announced' })).toBe(0);
  expect(requests(claimed)).toEqual({ open: 0, in_progress: 1, waiting_on_client: 0, overdue: 0 });

  // The reminder 15 minutes before the first update is due meets one 429 and goes after it.
  h.slack.failNext('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 }, 1, (args) => args.channel === dm(Users.consultant));
  await h.advance(50 * MINUTE);
  const reminded = await scrape();
  expect(moved(claimed, reminded, 'kuittaus_reminders_total', { kind: 'owner' })).toBe(1);
  expect(moved(claimed, reminded, 'kuittaus_slack_api_rate_limited_total', { method: 'chat.postMessage' })).toBe(1);
  expect(moved(claimed, reminded, 'kuittaus_escalations_total', { reason: 'update_overdue' })).toBe(0);
  expect(requests(reminded).overdue).toBe(0);

  // Nothing posted: due at 60 minutes, escalated to the lead at 90 (the grace period).
  await h.advance(41 * MINUTE);
  const escalated = await scrape();
  expect(moved(reminded, escalated, 'kuittaus_escalations_total', { reason: 'update_overdue' })).toBe(1);
  expect(requests(escalated)).toEqual({ open: 0, in_progress: 1, waiting_on_client: 0, overdue: 1 });

  // Resolved; Slack refuses the closing for good.
  h.slack.failNext('chat.postMessage', { kind: 'slack_error', error: 'msg_too_long' }, 1, (args) => args.channel === Channels.shared);
  await drive.click(Users.consultant, 'request_resolve', id, { channel: dm(Users.consultant), ts: '1.000002' });
  await drive.submit(Users.consultant, 'resolve_modal', id, { resolve_summary_block: { resolve_summary: viewInput.text('Fixed.') } });
  await h.idle();
  const resolved = await scrape();
  expect(moved(escalated, resolved, 'kuittaus_deliveries_failed_total', { queue: 'outbox', kind: 'closing', reason: 'msg_too_long' })).toBe(1);
  expect(moved(escalated, resolved, 'kuittaus_client_messages_total', { kind: 'closing' })).toBe(0);
  expect(requests(resolved)).toEqual({ open: 0, in_progress: 0, waiting_on_client: 0, overdue: 0 });
  expect(pendingTimers(resolved)).toBe(0); // the request's timer is cancelled
  expect(delayedTimers(resolved)).toBe(1); // the digest stays
  expect(resolved.value('kuittaus_queue_jobs', { queue: 'outbox', state: 'failed' })).toBe(1);

  // Counters never go back; nothing else was acknowledged.
  expect(resolved.value('kuittaus_acknowledgements_total', { trigger: 'auto' })).toBe(acked.value('kuittaus_acknowledgements_total', { trigger: 'auto' }));
  expect(resolved.value('kuittaus_redis_errors_total', { connection: 'main' })).toBe(0);
}, 60_000);
