/**
 * Spotting what the plain rules missed (issue 14): a client's @mention in the thread of one of our
 * messages, a message forwarded without a comment, an author Slack will not describe.
 */
import { appMentionEvent, eventEnvelope, messageEvent } from '../support/builders';
import { HOST_TEAM } from '../support/slack-emulator/fixtures';
import { Channels, type Harness, Users, startHarness, tsNow } from './harness';
import { requestIdIn } from './support/lifecycle-driver';

const shared = { isExtSharedChannel: true };

describe.each([
  ['en', { greet: 'Thanks, Maria', greetUnknown: (u: string) => `Thanks, <@${u}> —`, unknown: "I couldn't tell whether" }],
  ['fi', { greet: 'Kiitos, Maria', greetUnknown: (u: string) => `Kiitos, <@${u}> –`, unknown: 'En pystynyt päättelemään, onko' }],
] as const)('spotting in a channel that speaks %s', (language, says) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ name: `spotting-${language}`, env: { DEFAULT_LANGUAGE: language } });
  });
  afterAll(() => h.stop());
  beforeEach(async () => {
    await h.idle();
    h.slack.reset();
  });

  /** The triage card of the request whose message is `ts`. */
  const cardFor = async (text: string) => {
    const card = await h.slack.waitForCall('chat.postMessage', (c) => c.args.channel === Channels.triage && c.args.thread_ts === undefined && JSON.stringify(c.args.blocks).includes(text));
    await h.idle();
    return { card, requestId: requestIdIn(card.args.blocks) as string };
  };

  it("when a client @mentions Kuittaus in the thread of a consultant's message, then the client is the author, their words the request, and the answer comes in that thread", async () => {
    const client = h.newClient('Maria Virtanen');
    const parent = tsNow();
    await h.send.event(eventEnvelope(messageEvent({ channel: Channels.shared, user: Users.consultant, text: 'We deploy the new export service tonight', ts: parent }), shared));
    const ts = tsNow();
    const text = '<@U0BOT> the export still fails after your deploy';
    // Slack sends both: the app_mention and the message in the thread.
    await h.send.event(eventEnvelope(appMentionEvent({ channel: Channels.shared, user: client, user_team: 'T0CLIENT', text, ts, thread_ts: parent }), shared));
    await h.send.event(eventEnvelope(messageEvent({ channel: Channels.shared, user: client, user_team: 'T0CLIENT', text, ts, thread_ts: parent }), shared));

    const { card, requestId } = await cardFor('the export still fails after your deploy');
    expect(JSON.stringify(card.args.blocks)).not.toContain('We deploy the new export service');
    const acks = h.slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.shared);
    expect(acks).toHaveLength(1);
    expect(acks[0]?.args.thread_ts).toBe(parent);
    expect(String(acks[0]?.args.text)).toMatch(new RegExp(`^${says.greet}`));
    expect(await h.request(requestId)).toMatchObject({ clientUserId: client, ts, threadTs: parent, excerpt: 'the export still fails after your deploy' });
    expect(h.slack.reactionsOn(Channels.shared, ts)).toEqual(['eyes']);

    // The thread is the request's now: the consultant's answer there counts as an update.
    const answer = tsNow();
    await h.send.event(eventEnvelope(messageEvent({ channel: Channels.shared, user: Users.consultant, text: 'Looking at it now', ts: answer, thread_ts: parent }), shared));
    await h.idle();
    const updates = (await h.store.events('T0HOST', requestId)).filter((e) => e.type === 'update_posted');
    expect(updates).toEqual([expect.objectContaining({ actorId: Users.consultant, data: expect.objectContaining({ via: 'thread', ts: answer }) })]);
  });

  it("when one of us @mentions Kuittaus in the thread of a client's message, then the client's message is the request", async () => {
    const client = h.newClient('Maria Virtanen');
    const parent = tsNow();
    h.slack.seedMessage(Channels.shared, { ts: parent, user: client, text: 'ok, thanks' });
    await h.send.event(eventEnvelope(appMentionEvent({ channel: Channels.shared, user: Users.consultant, text: '<@U0BOT> track this one', ts: tsNow(), thread_ts: parent }), shared));
    const { requestId } = await cardFor('ok, thanks');
    expect(await h.request(requestId)).toMatchObject({ clientUserId: client, ts: parent });
    expect((await h.request(requestId)).threadTs).toBeUndefined();
  });

  it('when a client forwards a message without a comment, then the forwarded text is the request', async () => {
    const client = h.newClient('Maria Virtanen');
    const ts = tsNow();
    const forwarded = { is_share: true, is_msg_unfurl: true, text: 'Invoices fail to export since 9:00', fallback: '[9:05] Pekka: Invoices fail to export since 9:00', author_id: 'U0PEKKA', channel_id: 'C0THEIRS', ts: '1699999000.000100', footer: 'Posted in #finance' };
    const event = { ...messageEvent({ channel: Channels.shared, user: client, user_team: 'T0CLIENT', text: '', ts }), attachments: [forwarded] };
    await h.send.event(eventEnvelope(event, shared));

    const { requestId } = await cardFor('Invoices fail to export since 9:00');
    expect(String((await h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts)).args.text)).toMatch(new RegExp(`^${says.greet}`));
    expect((await h.request(requestId)).excerpt).toBe('Invoices fail to export since 9:00');
  });

  it("when users.info answers user_not_visible, then the event's own team says it is a client and the request is acknowledged (greeted by mention)", async () => {
    const client = h.newClient('Maria Virtanen');
    h.slack.hideUser(client);
    const ts = tsNow();
    await h.send.event(eventEnvelope(messageEvent({ channel: Channels.shared, user: client, user_team: 'T0CLIENT', text: 'Our VPN is down', ts }), shared));

    const ack = await h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts);
    expect(String(ack.args.text).startsWith(says.greetUnknown(client))).toBe(true);
    await cardFor('Our VPN is down');
    expect(h.slack.callsTo('users.info', (c) => c.args.user === client && c.response.error === 'user_not_visible').length).toBeGreaterThan(0);
  });

  it("when users.info answers user_not_visible for someone of our own team, then the event's team says it is one of us: no request", async () => {
    const person = h.newClient('Somebody');
    h.slack.hideUser(person);
    await h.send.event(eventEnvelope(messageEvent({ channel: Channels.shared, user: person, user_team: HOST_TEAM, text: 'Deploying the fix now', ts: tsNow() }), shared));
    await h.idle();
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('when users.info cannot describe the author and the event names no team, then the triage channel is asked to decide (never silence)', async () => {
    const person = h.newClient('Somebody');
    h.slack.hideUser(person);
    const ts = tsNow();
    const { team: _team, ...event } = messageEvent({ channel: Channels.shared, user: person, text: 'Can you look at the export?', ts });
    await h.send.event(eventEnvelope(event, shared));

    const note = await h.slack.waitForCall('chat.postMessage', (c) => c.args.channel === Channels.triage);
    expect(String(note.args.text)).toContain(says.unknown);
    expect(String(note.args.text)).toContain(`<@${person}>`);
    expect(String(note.args.text)).toContain(`p${ts.replace('.', '')}`);
    await h.idle();
    expect(h.slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.shared)).toHaveLength(0);
  });
});
