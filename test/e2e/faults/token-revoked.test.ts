/**
 * The bot token revoked for a while (every Web API call answers invalid_auth) while a client
 * posts. The event reaches us once and is answered 200 (it is queued); its intake is parked while
 * Slack refuses the token (users.info refuses), and Slack will not redeliver. Catch-up cannot read
 * meanwhile and keeps its position; once the token works again the parked intake resumes and
 * catch-up finds the same message (a failed intake it would retry): the request is acknowledged
 * exactly once.
 */
import { eventEnvelope, messageEvent } from '../../support/builders';
import { Channels, type Harness, PinnedClock, startHarness, tsNow } from '../harness';

const clock = new PinnedClock();
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ name: 'token-revoked', clock, env: { CATCH_UP_INTERVAL_MS: '200' }, authRecheckMs: 200 });
});
afterAll(() => h.stop());

const acks = (ts: string) => h.slack.messagesIn(Channels.shared, ts).filter((m) => m.text.startsWith('Thanks'));

it('when the token is revoked while a client posts and nothing is redelivered, then the request is acknowledged once the token works again', async () => {
  await h.idle(); // the start-up round has read the channel
  const revokedAt = Date.now();
  h.slack.revokeToken('invalid_auth');
  const ts = tsNow(h.now());
  const event = messageEvent({ channel: Channels.shared, user: h.newClient(), user_team: 'T0CLIENT', text: 'Our SSO broke this morning', ts });
  const res = await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));
  expect(res.status).toBe(200);

  // Intake could not check the channel and its author, and catch-up rounds cannot read while the token is revoked.
  await h.slack.waitForCall('users.info', (c) => c.response.error === 'invalid_auth');
  await h.slack.waitForCall('users.conversations', (c) => c.response.error === 'invalid_auth' && c.at > revokedAt);
  await h.slack.waitForCall('users.conversations', (c) => c.response.error === 'invalid_auth' && c.at > revokedAt + 300);
  expect(acks(ts)).toHaveLength(0);

  const restoredAt = Date.now();
  h.slack.restoreToken();
  const ack = await h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts && String(c.args.text).startsWith('Thanks'), { timeoutMs: 10_000 });
  expect(ack.at).toBeGreaterThan(restoredAt);
  await h.idle();
  await h.apps[0]?.catchUp(); // another round finds nothing new to do
  await h.idle();
  expect(acks(ts)).toHaveLength(1);
  expect(h.slack.messagesIn(Channels.triage).filter((m) => m.thread_ts === undefined && JSON.stringify(m.blocks).includes('Our SSO broke'))).toHaveLength(1);
}, 30_000);
