/** Messages that are not client requests get no acknowledgement and no card. */
import {
  channelJoinEvent,
  eventEnvelope,
  messageChangedEvent,
  messageDeletedEvent,
  messageEvent,
} from '../support/builders';
import { Channels, type Harness, Users, startHarness, tsNow } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ name: 'ignore' });
});
afterAll(() => h.stop());
beforeEach(async () => {
  // Let the previous test's jobs finish so that their calls do not land in this test's record.
  await h.idle();
  h.slack.reset();
});

const shared = { isExtSharedChannel: true };
const parent = '1700000000.000100';

const cases: Array<[string, () => Record<string, unknown>, { isExtSharedChannel?: boolean }]> = [
  ['an internal user posts', () => messageEvent({ channel: Channels.shared, user: Users.consultant, text: 'Deploying the fix now', ts: tsNow() }), shared],
  ['a bot posts', () => messageEvent({ channel: Channels.shared, user: 'U0OTHERBOT', bot_id: 'B0OTHER', subtype: 'bot_message', text: 'Build #42 failed', ts: tsNow() }), shared],
  ['our own bot posts', () => messageEvent({ channel: Channels.shared, user: 'U0BOT', bot_id: 'B0BOT', text: 'Thanks, Maria', ts: tsNow() }), shared],
  ['a client edits a message', () => messageChangedEvent({ channel: Channels.shared, user: Users.client, text: 'edited: export fails', ts: tsNow() }), shared],
  ['a client deletes a message', () => messageDeletedEvent({ channel: Channels.shared, ts: tsNow(), deleted_ts: parent }), shared],
  ['a client replies in a thread', () => messageEvent({ channel: Channels.shared, user: Users.client, user_team: 'T0CLIENT', text: 'Any news on this?', ts: tsNow(), thread_ts: parent }), shared],
  ['someone joins the channel', () => channelJoinEvent({ channel: Channels.shared, user: Users.client }), shared],
  ['a client says thanks', () => messageEvent({ channel: Channels.shared, user: Users.client, user_team: 'T0CLIENT', text: 'Thanks! 👍', ts: tsNow() }), shared],
  ['a client says kiitos', () => messageEvent({ channel: Channels.shared, user: Users.client, user_team: 'T0CLIENT', text: 'Kiitos, hyvää viikonloppua!', ts: tsNow() }), shared],
  ['a client posts in an internal channel', () => messageEvent({ channel: Channels.internal, user: Users.client, user_team: 'T0CLIENT', text: 'Export fails', ts: tsNow() }), {}],
  ['a guest posts in a channel that is not managed', () => messageEvent({ channel: Channels.guests, user: Users.guest, text: 'Export fails', ts: tsNow() }), {}],
];

describe('when a message is not a new client request', () => {
  it.each(cases)('when %s, then nothing is posted', async (_label, build, opts) => {
    const res = await h.send.event(eventEnvelope(build(), opts));
    expect(res.status).toBe(200);
    await h.idle();
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
    expect(h.slack.callsTo('reactions.add')).toHaveLength(0);
  });

  it('when a real request follows the ignored ones, then the harness does see acknowledgements (control)', async () => {
    const event = messageEvent({ channel: Channels.shared, user: Users.client, user_team: 'T0CLIENT', text: 'Export fails', ts: tsNow() });
    await h.send.event(eventEnvelope(event, shared));
    await h.idle();
    expect(h.slack.callsTo('chat.postMessage', (c) => c.args.thread_ts === event.ts)).toHaveLength(1);
  });
});
