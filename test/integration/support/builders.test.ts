/** The payload builders, delivered by the signed sender to a real Bolt 5.1 app. */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { AddressInfo } from 'node:net';
import {
  appHomeOpenedEvent,
  appMentionEvent,
  blockAction,
  eventEnvelope,
  messageChangedEvent,
  messageDeletedEvent,
  messageEvent,
  messageShortcut,
  nextTs,
  reactionAddedEvent,
  richTextBlocks,
  slackFile,
  slashCommand,
  viewInput,
  viewSubmission,
} from '../../support/builders';
import { createSignedSender, type SignedSender } from '../../support/signed-requests';
import { type SlackEmulator, clientUser, startSlackEmulator } from '../../support/slack-emulator';

const SECRET = 'builders-secret';
let slack: SlackEmulator;
let receiver: HTTPReceiver;
let send: SignedSender;
const seen = new Map<string, unknown[]>();
const note = (key: string, value: unknown): void => void seen.set(key, [...(seen.get(key) ?? []), value]);

beforeAll(async () => {
  slack = await startSlackEmulator();
  slack.addChannel({ id: 'C0SHARED', name: 'acme-support', is_ext_shared: true, is_shared: true, is_private: false });
  slack.addUser(clientUser('U0CLIENT', 'Maria Virtanen'));
  receiver = new HTTPReceiver({ signingSecret: SECRET, processBeforeResponse: true, logLevel: LogLevel.ERROR });
  const app = new App({ receiver, token: 'xoxb-test', logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: slack.apiUrl } });
  app.event('message', async ({ event, body }) => note('message', { event, body }));
  app.event('app_mention', async ({ event }) => note('app_mention', event));
  app.event('reaction_added', async ({ event }) => note('reaction_added', event));
  app.event('app_home_opened', async ({ event }) => note('app_home_opened', event));
  app.command('/status', async ({ ack, command }) => {
    await ack();
    note('command', command);
  });
  app.action('request_claim', async ({ ack, body, action }) => {
    await ack();
    note('action', { body, action });
  });
  app.action({ type: 'block_actions', action_id: 'assign_user' }, async ({ ack, action }) => {
    await ack();
    note('select', action);
  });
  app.shortcut('track_as_request', async ({ ack, shortcut }) => {
    await ack();
    note('shortcut', shortcut);
  });
  app.view('eta_modal', async ({ ack, view, body }) => {
    await ack();
    note('view', { view, body });
  });
  const server = await receiver.start(0);
  send = createSignedSender({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, signingSecret: SECRET });
});
afterAll(async () => {
  await receiver.stop();
  await slack.close();
});
beforeEach(() => seen.clear());

const only = (key: string) => {
  const values = seen.get(key) ?? [];
  expect(values).toHaveLength(1);
  return values[0] as Record<string, unknown>;
};

describe('ids', () => {
  it('nextTs is unique and increasing, and never collides with the emulator’s', async () => {
    const mine = Array.from({ length: 500 }, () => nextTs());
    expect(new Set(mine).size).toBe(500);
    expect([...mine].sort()).toEqual(mine);
    for (const ts of mine) expect(ts).toMatch(/^\d{10}\.\d{6}$/);
    const res = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'channel=C0SHARED&text=x',
    });
    const { ts } = (await res.json()) as { ts: string };
    expect(Number(ts)).toBeGreaterThan(Number(mine[499]));
  });
});

describe('Events API', () => {
  it('a client’s message in a Slack Connect channel reaches app.event("message") as Slack sends it', async () => {
    const event = messageEvent({ channel: 'C0SHARED', user: 'U0CLIENT', user_team: 'T0CLIENT', text: 'Hi <@U0AINO>, export fails &amp; <https://x.example|logs>' });
    const envelope = eventEnvelope(event, { isExtSharedChannel: true });
    expect((await send.event(envelope)).status).toBe(200);
    const { event: got, body } = only('message') as { event: Record<string, unknown>; body: Record<string, unknown> };
    expect(got).toMatchObject({ type: 'message', channel: 'C0SHARED', channel_type: 'channel', user: 'U0CLIENT', team: 'T0CLIENT', user_team: 'T0CLIENT', source_team: 'T0CLIENT', ts: event.ts, event_ts: event.ts });
    expect(got.client_msg_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(got.subtype).toBeUndefined();
    expect(body).toMatchObject({ type: 'event_callback', team_id: 'T0HOST', api_app_id: 'A0APP', is_ext_shared_channel: true, event_id: envelope.event_id, event_time: Math.floor(Number(event.ts)) });
    expect(body.authorizations).toEqual([{ enterprise_id: null, team_id: 'T0HOST', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }]);
    const context = JSON.parse(Buffer.from(String(body.event_context).slice(2), 'base64url').toString()) as Record<string, unknown>;
    expect(context).toEqual({ et: 'message', tid: 'T0HOST', aid: 'A0APP', cid: 'C0SHARED' });
  });

  it('event ids are unique unless given (Slack retries reuse them)', () => {
    const event = messageEvent({ channel: 'C0SHARED', user: 'U0CLIENT', text: 'x' });
    expect(eventEnvelope(event).event_id).not.toBe(eventEnvelope(event).event_id);
    expect(eventEnvelope(event, { eventId: 'Ev1' }).event_id).toBe('Ev1');
    expect(eventEnvelope(event).event_id).toMatch(/^Ev[0-9A-Z]{8,}$/);
  });

  it('rich_text blocks mirror the text: mentions, broadcasts, links, unescaped text', () => {
    expect(richTextBlocks('Hi <@U0AINO> &amp; <!here> see <https://x.example|logs>')[0]).toMatchObject({
      type: 'rich_text',
      elements: [
        {
          type: 'rich_text_section',
          elements: [
            { type: 'text', text: 'Hi ' },
            { type: 'user', user_id: 'U0AINO' },
            { type: 'text', text: ' & ' },
            { type: 'broadcast', range: 'here' },
            { type: 'text', text: ' see ' },
            { type: 'link', url: 'https://x.example', text: 'logs' },
          ],
        },
      ],
    });
  });

  it('files make a file_share message; bot messages carry bot_id and no client_msg_id', async () => {
    await send.event(eventEnvelope(messageEvent({ channel: 'C0SHARED', user: 'U0CLIENT', text: 'log attached', files: [slackFile('error.log')] })));
    await send.event(eventEnvelope(messageEvent({ channel: 'C0SHARED', user: 'U0OTHER', bot_id: 'B0OTHER', text: 'build failed' })));
    const [file, bot] = (seen.get('message') ?? []) as Array<{ event: Record<string, unknown> }>;
    expect(file?.event).toMatchObject({ subtype: 'file_share', upload: false, files: [expect.objectContaining({ name: 'error.log', mode: 'hosted' })] });
    expect(bot?.event).toMatchObject({ bot_id: 'B0OTHER', blocks: [] });
    expect(bot?.event.client_msg_id).toBeUndefined();
  });

  it('edits and deletions arrive as message subtypes', async () => {
    const ts = nextTs();
    await send.event(eventEnvelope(messageChangedEvent({ channel: 'C0SHARED', user: 'U0CLIENT', text: 'after', previousText: 'before', ts })));
    await send.event(eventEnvelope(messageDeletedEvent({ channel: 'C0SHARED', deleted_ts: ts })));
    const [changed, deleted] = (seen.get('message') ?? []) as Array<{ event: Record<string, unknown> }>;
    expect(changed?.event).toMatchObject({ subtype: 'message_changed', hidden: true, message: { ts, text: 'after', edited: { user: 'U0CLIENT' } }, previous_message: { ts, text: 'before' } });
    expect(deleted?.event).toMatchObject({ subtype: 'message_deleted', hidden: true, deleted_ts: ts, previous_message: { ts } });
  });

  it('app_mention, reaction_added and app_home_opened reach their listeners', async () => {
    const ts = nextTs();
    await send.event(eventEnvelope(appMentionEvent({ channel: 'C0SHARED', user: 'U0CLIENT', text: '<@U0BOT> track this', ts })));
    await send.event(eventEnvelope(reactionAddedEvent({ user: 'U0AINO', reaction: 'ticket', channel: 'C0SHARED', ts, item_user: 'U0CLIENT' })));
    await send.event(eventEnvelope(appHomeOpenedEvent({ user: 'U0AINO' })));
    expect(only('app_mention')).toMatchObject({ type: 'app_mention', channel: 'C0SHARED', user: 'U0CLIENT', ts, text: '<@U0BOT> track this' });
    expect(only('reaction_added')).toMatchObject({ reaction: 'ticket', item: { type: 'message', channel: 'C0SHARED', ts }, item_user: 'U0CLIENT' });
    expect(only('app_home_opened')).toMatchObject({ user: 'U0AINO', tab: 'home', channel: 'D0AINO' });
  });
});

describe('commands and interactivity', () => {
  it('/status arrives with every field Slack sends', async () => {
    const fields = slashCommand({ text: 'overdue', user_id: 'U0LEAD', channel_id: 'C0SHARED' });
    expect(Object.values(fields).every((v) => typeof v === 'string')).toBe(true);
    expect((await send.command(fields)).status).toBe(200);
    expect(only('command')).toMatchObject({ command: '/status', text: 'overdue', user_id: 'U0LEAD', channel_id: 'C0SHARED', team_id: 'T0HOST', api_app_id: 'A0APP' });
    expect(fields.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
    expect(fields.response_url).toMatch(/^https:\/\/hooks\.slack\.com\/commands\/T0HOST\//);
  });

  it('a button click on a card arrives at app.action with the message and container', async () => {
    const cardTs = nextTs();
    const payload = blockAction({ user: 'U0AINO', actionId: 'request_claim', value: 'R1', blockId: 'card', channel: 'C0TRIAGE', message: { ts: cardTs } });
    expect((await send.interaction(payload)).status).toBe(200);
    const { body, action } = only('action') as { body: Record<string, unknown>; action: Record<string, unknown> };
    expect(action).toMatchObject({ type: 'button', action_id: 'request_claim', block_id: 'card', value: 'R1' });
    expect(body).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0AINO', team_id: 'T0HOST' },
      channel: { id: 'C0TRIAGE' },
      container: { type: 'message', message_ts: cardTs, channel_id: 'C0TRIAGE', is_ephemeral: false },
      message: { type: 'message', ts: cardTs, bot_id: 'B0BOT' },
    });
    expect(body.response_url).toMatch(/^https:\/\/hooks\.slack\.com\/actions\//);
  });

  it('a users_select in a modal arrives with the view and its selection', async () => {
    await send.interaction(
      blockAction({ user: 'U0AINO', actionId: 'assign_user', view: { callback_id: 'assign' }, action: { type: 'users_select', selected_user: 'U0LEAD' } }),
    );
    expect(only('select')).toMatchObject({ type: 'users_select', action_id: 'assign_user', selected_user: 'U0LEAD' });
  });

  it('the message shortcut carries the message it was used on', async () => {
    const ts = nextTs();
    await send.interaction(messageShortcut({ callbackId: 'track_as_request', user: 'U0AINO', channel: 'C0SHARED', message: { ts, user: 'U0CLIENT', text: 'hi' } }));
    expect(only('shortcut')).toMatchObject({ type: 'message_action', callback_id: 'track_as_request', message_ts: ts, message: { type: 'message', ts, user: 'U0CLIENT' }, channel: { id: 'C0SHARED' } });
  });

  it('a modal submission carries state values as Slack reports them', async () => {
    const values = {
      eta_date: { date: viewInput.date('2024-11-28') },
      eta_time: { time: viewInput.time('16:00') },
      eta_pick: { pick: viewInput.radio('in_2h', 'In 2 hours') },
      note: { text: viewInput.text('waiting for logs') },
    };
    await send.interaction(viewSubmission({ callbackId: 'eta_modal', user: 'U0AINO', values, privateMetadata: '{"request":"R1"}' }));
    const { view } = only('view') as { view: Record<string, unknown> };
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'eta_modal',
      private_metadata: '{"request":"R1"}',
      state: {
        values: {
          eta_date: { date: { type: 'datepicker', selected_date: '2024-11-28' } },
          eta_time: { time: { type: 'timepicker', selected_time: '16:00' } },
          eta_pick: { pick: { type: 'radio_buttons', selected_option: { value: 'in_2h', text: { type: 'plain_text', text: 'In 2 hours' } } } },
          note: { text: { type: 'plain_text_input', value: 'waiting for logs' } },
        },
      },
    });
  });
});
