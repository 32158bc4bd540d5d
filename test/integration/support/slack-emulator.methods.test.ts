/** The emulator's Web API methods, through a real @slack/web-api WebClient. */
import { BOT_ID, BOT_USER, clientUser, dmChannelId, internalUser } from '../../support/slack-emulator';
import { clientFor, rejectionOf, useEmulator } from './helpers';

const emulator = useEmulator();
const C = 'C0SHARED';
const slackError = async (p: Promise<unknown>) => (await rejectionOf(p)).data?.error;

beforeEach(() => {
  emulator().addChannel({ id: C, name: 'acme-support', is_ext_shared: true, is_shared: true, is_private: false });
  emulator().addUser(clientUser('U0CLIENT', 'Maria Virtanen'));
  emulator().addUser(internalUser('U0AINO', 'Aino Laine'));
});

describe('auth.test', () => {
  it('answers with the host team, the bot user and the bot id', async () => {
    const res = await clientFor(emulator()).auth.test();
    expect(res).toMatchObject({ ok: true, team_id: 'T0HOST', user_id: 'U0BOT', bot_id: 'B0BOT', app_id: 'A0APP', is_enterprise_install: false });
    expect(res.url).toBe('https://kuittaus-test.slack.com/');
  });
});

describe('chat.postMessage', () => {
  it('stores the message with blocks, metadata and thread, and answers with a fresh, increasing ts', async () => {
    const client = clientFor(emulator());
    const parent = emulator().seedMessage(C, { user: 'U0CLIENT', text: 'Export fails' });
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'On it' } }];
    const metadata = { event_type: 'kuittaus_ack', event_payload: { request: 'R1' } };
    const first = await client.chat.postMessage({ channel: C, thread_ts: parent.ts, text: 'Thanks', blocks, metadata });
    const second = await client.chat.postMessage({ channel: C, text: 'Second' });

    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(Number(first.ts)).toBeGreaterThan(Number(parent.ts));
    expect(first.channel).toBe(C);
    expect(first.message).toMatchObject({ text: 'Thanks', user: BOT_USER, bot_id: BOT_ID, thread_ts: parent.ts, blocks });
    expect(emulator().messagesIn(C, parent.ts)).toEqual([expect.objectContaining({ ts: first.ts, metadata, blocks, user: BOT_USER, bot_id: BOT_ID })]);
    const call = emulator().callsTo('chat.postMessage')[0];
    expect(call?.args).toMatchObject({ channel: C, thread_ts: parent.ts, blocks, metadata });
  });

  it('accepts blocks without text, and posts to a user id into the DM', async () => {
    const res = await clientFor(emulator()).chat.postMessage({ channel: 'U0AINO', blocks: [{ type: 'divider' }] });
    expect(res.channel).toBe(dmChannelId('U0AINO'));
    expect(emulator().messagesIn(dmChannelId('U0AINO'))).toHaveLength(1);
  });

  it('refuses unknown channels, channels the bot is not in, and bad Block Kit', async () => {
    const client = clientFor(emulator());
    emulator().addChannel({ id: 'C0OUT', name: 'out', is_ext_shared: false, is_shared: false, is_private: true, is_member: false });
    expect(await slackError(client.chat.postMessage({ channel: 'C0NOPE', text: 'x' }))).toBe('channel_not_found');
    expect(await slackError(client.chat.postMessage({ channel: 'C0OUT', text: 'x' }))).toBe('not_in_channel');
    const section = (text: string, block_id?: string) => ({ type: 'section', text: { type: 'mrkdwn', text }, ...(block_id ? { block_id } : {}) });
    expect(await slackError(client.chat.postMessage({ channel: C, text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }))).toBe('invalid_blocks');
    expect(await slackError(client.chat.postMessage({ channel: C, text: 'x', blocks: [section('a'.repeat(3001))] }))).toBe('invalid_blocks');
    expect(await slackError(client.chat.postMessage({ channel: C, text: 'x', blocks: [section('a', 'b1'), section('b', 'b1')] }))).toBe('invalid_blocks');
    expect(await slackError(client.chat.postMessage({ channel: C, text: 'x', metadata: { event_type: 'x' } as never }))).toBe('invalid_metadata_format');
    expect(await slackError(client.chat.postMessage({ channel: C, text: 'a'.repeat(40_001) }))).toBe('msg_too_long');
    expect(emulator().messagesIn(C)).toHaveLength(0);
  });
});

describe('chat.update and chat.delete', () => {
  it('updates and deletes the bot’s own messages', async () => {
    const client = clientFor(emulator());
    const { ts } = await client.chat.postMessage({ channel: C, text: 'Card' });
    const updated = await client.chat.update({ channel: C, ts: ts as string, text: 'Card v2', blocks: [{ type: 'divider' }] });
    expect(updated).toMatchObject({ ok: true, channel: C, ts, text: 'Card v2' });
    expect(emulator().message(C, ts as string)).toMatchObject({ text: 'Card v2', blocks: [{ type: 'divider' }], edited: { user: BOT_USER } });
    await client.chat.delete({ channel: C, ts: ts as string });
    expect(emulator().message(C, ts as string)).toBeUndefined();
    expect(await slackError(client.chat.delete({ channel: C, ts: ts as string }))).toBe('message_not_found');
  });

  it('refuses to touch other people’s messages', async () => {
    const client = clientFor(emulator());
    const theirs = emulator().seedMessage(C, { user: 'U0CLIENT', text: 'mine' });
    expect(await slackError(client.chat.update({ channel: C, ts: theirs.ts, text: 'x' }))).toBe('cant_update_message');
    expect(await slackError(client.chat.delete({ channel: C, ts: theirs.ts }))).toBe('cant_delete_message');
  });
});

describe('chat.postEphemeral and chat.getPermalink', () => {
  it('answers an ephemeral with a message_ts and stores nothing', async () => {
    const res = await clientFor(emulator()).chat.postEphemeral({ channel: C, user: 'U0AINO', text: 'Only you' });
    expect(res.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(emulator().messagesIn(C)).toHaveLength(0);
    expect(await slackError(clientFor(emulator()).chat.postEphemeral({ channel: C, user: 'U0NOBODY', text: 'x' }))).toBe('user_not_in_channel');
  });

  it('builds permalinks, with thread_ts for replies', async () => {
    const parent = emulator().seedMessage(C, { ts: '1700000000.000100', user: 'U0CLIENT', text: 'p' });
    emulator().seedMessage(C, { ts: '1700000001.000200', user: 'U0AINO', text: 'r', thread_ts: parent.ts });
    const client = clientFor(emulator());
    expect((await client.chat.getPermalink({ channel: C, message_ts: parent.ts })).permalink).toBe(
      'https://kuittaus-test.slack.com/archives/C0SHARED/p1700000000000100',
    );
    expect((await client.chat.getPermalink({ channel: C, message_ts: '1700000001.000200' })).permalink).toBe(
      'https://kuittaus-test.slack.com/archives/C0SHARED/p1700000001000200?thread_ts=1700000000.000100&cid=C0SHARED',
    );
  });
});

describe('reactions', () => {
  it('adds once (already_reacted), removes once (no_reaction)', async () => {
    const client = clientFor(emulator());
    const m = emulator().seedMessage(C, { user: 'U0CLIENT', text: 'Help' });
    await client.reactions.add({ channel: C, timestamp: m.ts, name: 'eyes' });
    expect(emulator().reactionsOn(C, m.ts)).toEqual(['eyes']);
    expect(await slackError(client.reactions.add({ channel: C, timestamp: m.ts, name: 'eyes' }))).toBe('already_reacted');
    await client.reactions.remove({ channel: C, timestamp: m.ts, name: 'eyes' });
    expect(emulator().reactionsOn(C, m.ts)).toEqual([]);
    expect(await slackError(client.reactions.remove({ channel: C, timestamp: m.ts, name: 'eyes' }))).toBe('no_reaction');
    expect(await slackError(client.reactions.add({ channel: C, timestamp: '1.000001', name: 'eyes' }))).toBe('message_not_found');
  });
});

describe('users.info, team.info, conversations.info', () => {
  it('tells clients, internal users and the bot apart', async () => {
    const client = clientFor(emulator());
    const maria = await client.users.info({ user: 'U0CLIENT' });
    expect(maria.user).toMatchObject({ id: 'U0CLIENT', team_id: 'T0CLIENT', is_stranger: true, is_restricted: false, profile: { first_name: 'Maria' } });
    expect((await client.users.info({ user: 'U0AINO' })).user).toMatchObject({ team_id: 'T0HOST', is_restricted: false });
    expect((await client.users.info({ user: BOT_USER })).user).toMatchObject({ is_bot: true });
    expect(await slackError(client.users.info({ user: 'U0NOBODY' }))).toBe('user_not_found');
    expect((await client.team.info()).team).toMatchObject({ id: 'T0HOST', domain: 'kuittaus-test' });
  });

  it('answers user_not_visible for a hidden user (known or not) until the users are cleared', async () => {
    const slack = emulator();
    const client = clientFor(slack);
    slack.hideUser('U0CLIENT');
    slack.hideUser('U0UNSEEN');
    expect(await slackError(client.users.info({ user: 'U0CLIENT' }))).toBe('user_not_visible');
    expect(await slackError(client.users.info({ user: 'U0UNSEEN' }))).toBe('user_not_visible');
    expect((await client.users.info({ user: 'U0AINO' })).user).toMatchObject({ id: 'U0AINO' });
    slack.reset({ users: true });
    expect(await slackError(client.users.info({ user: 'U0UNSEEN' }))).toBe('user_not_found');
  });

  it('describes channels, with is_ext_shared for Slack Connect', async () => {
    const client = clientFor(emulator());
    const res = await client.conversations.info({ channel: C });
    expect(res.channel).toMatchObject({ id: C, name: 'acme-support', is_ext_shared: true, is_shared: true, is_private: false, is_channel: true, is_member: true });
    expect(await slackError(client.conversations.info({ channel: 'C0NOPE' }))).toBe('channel_not_found');
  });
});

describe('conversations.history and conversations.replies', () => {
  const seed = () => {
    const e = emulator();
    const a = e.seedMessage(C, { ts: '1700000000.000100', user: 'U0CLIENT', text: 'a' });
    e.seedMessage(C, { ts: '1700000001.000100', user: 'U0AINO', text: 'reply', thread_ts: a.ts });
    e.seedMessage(C, { ts: '1700000002.000100', user: 'U0CLIENT', text: 'b' });
    e.seedMessage(C, { ts: '1700000003.000100', user: 'U0CLIENT', text: 'c' });
    return a;
  };

  it('lists top-level messages newest first, with latest/oldest/inclusive/limit', async () => {
    seed();
    const client = clientFor(emulator());
    const all = await client.conversations.history({ channel: C });
    expect(all.messages?.map((m) => m.text)).toEqual(['c', 'b', 'a']);
    expect(all.messages?.[2]).toMatchObject({ reply_count: 1, thread_ts: '1700000000.000100', latest_reply: '1700000001.000100' });
    const window = await client.conversations.history({ channel: C, oldest: '1700000000.000100', latest: '1700000003.000100' });
    expect(window.messages?.map((m) => m.text)).toEqual(['b']);
    const inclusive = await client.conversations.history({ channel: C, oldest: '1700000000.000100', latest: '1700000002.000100', inclusive: true });
    expect(inclusive.messages?.map((m) => m.text)).toEqual(['b', 'a']);
    const limited = await client.conversations.history({ channel: C, limit: 2 });
    expect(limited.messages?.map((m) => m.text)).toEqual(['c', 'b']);
    expect(limited.has_more).toBe(true);
  });

  it('pages older messages with next_cursor (the range still applies) until has_more is false', async () => {
    seed();
    const client = clientFor(emulator());
    const first = await client.conversations.history({ channel: C, oldest: '1700000000.000000', limit: 2 });
    expect(first.messages?.map((m) => m.text)).toEqual(['c', 'b']);
    expect(first.has_more).toBe(true);
    const cursor = first.response_metadata?.next_cursor as string;
    expect(cursor).not.toBe('');
    const second = await client.conversations.history({ channel: C, oldest: '1700000000.000000', limit: 2, cursor });
    expect(second.messages?.map((m) => m.text)).toEqual(['a']);
    expect(second.has_more).toBe(false);
    expect(second.response_metadata?.next_cursor).toBe('');
    const newerOnly = await client.conversations.history({ channel: C, oldest: '1700000002.000100', limit: 2 });
    expect(newerOnly.messages?.map((m) => m.text)).toEqual(['c']);
    expect(await slackError(client.conversations.history({ channel: C, cursor: 'garbage' }))).toBe('invalid_cursor');
  });

  it('returns a thread parent first, with metadata only when include_all_metadata is set', async () => {
    const a = seed();
    const client = clientFor(emulator());
    const { ts } = await client.chat.postMessage({ channel: C, thread_ts: a.ts, text: 'ack', metadata: { event_type: 'ack', event_payload: { r: 1 } } });
    const plain = await client.conversations.replies({ channel: C, ts: a.ts });
    expect(plain.messages?.map((m) => m.text)).toEqual(['a', 'reply', 'ack']);
    expect(plain.messages?.[2]?.metadata).toBeUndefined();
    const withMeta = await client.conversations.replies({ channel: C, ts: a.ts, include_all_metadata: true });
    expect(withMeta.messages?.find((m) => m.ts === ts)?.metadata).toEqual({ event_type: 'ack', event_payload: { r: 1 } });
    const later = await client.conversations.replies({ channel: C, ts: a.ts, oldest: '1700000001.000100' });
    expect(later.messages?.map((m) => m.text)).toEqual(['a', 'ack']);
    expect(await slackError(client.conversations.replies({ channel: C, ts: '1600000000.000100' }))).toBe('thread_not_found');
  });

  it('needs the bot in the channel; conversations.join puts it there', async () => {
    emulator().addChannel({ id: 'C0OUT', name: 'out', is_ext_shared: false, is_shared: false, is_private: false, is_member: false });
    const client = clientFor(emulator());
    expect(await slackError(client.conversations.history({ channel: 'C0OUT' }))).toBe('not_in_channel');
    await client.conversations.join({ channel: 'C0OUT' });
    expect((await client.conversations.history({ channel: 'C0OUT' })).messages).toEqual([]);
    expect((await client.conversations.open({ users: 'U0AINO' })).channel?.id).toBe(dmChannelId('U0AINO'));
  });
});

describe('views', () => {
  const modal = { type: 'modal' as const, callback_id: 'eta', title: { type: 'plain_text' as const, text: 'Set ETA' }, blocks: [] };

  it('opens and updates modals and publishes Home tabs', async () => {
    const client = clientFor(emulator());
    const opened = await client.views.open({ trigger_id: '1.2.abc', view: modal });
    expect(opened.view?.id).toMatch(/^V/);
    expect(opened.view?.callback_id).toBe('eta');
    const updated = await client.views.update({ view_id: opened.view?.id as string, view: { ...modal, callback_id: 'eta2' } });
    expect(updated.view?.id).toBe(opened.view?.id);
    expect(await slackError(client.views.update({ view_id: opened.view?.id as string, hash: 'stale', view: modal }))).toBe('hash_conflict');
    await client.views.publish({ user_id: 'U0AINO', view: { type: 'home', blocks: [{ type: 'divider' }] } });
    expect(emulator().homeView('U0AINO')?.view).toMatchObject({ type: 'home' });
    expect(emulator().views.map((v) => v.kind)).toEqual(['modal', 'home']);
  });

  it('refuses a view of the wrong type or with a long title', async () => {
    const client = clientFor(emulator());
    expect(await slackError(client.views.open({ trigger_id: '1.2.abc', view: { type: 'home', blocks: [] } as never }))).toBe('invalid_arguments');
    expect(await slackError(client.views.open({ trigger_id: '1.2.abc', view: { ...modal, title: { type: 'plain_text', text: 'x'.repeat(25) } } }))).toBe('invalid_arguments');
  });
});

describe('users.conversations', () => {
  it('lists the channels the bot is in, by type, paged by cursor', async () => {
    const e = emulator();
    e.addChannel({ id: 'C0GUESTS', name: 'guests', is_ext_shared: false, is_shared: false, is_private: true });
    e.addChannel({ id: 'C0OUT', name: 'out', is_ext_shared: true, is_shared: true, is_private: false, is_member: false });
    e.addChannel({ id: 'C0OLD', name: 'old', is_ext_shared: true, is_shared: true, is_private: false, is_archived: true });
    const client = clientFor(e);
    const publicOnly = await client.users.conversations({});
    expect(publicOnly.channels?.map((c) => c.id)).toEqual(['C0OLD', 'C0SHARED']);
    const first = await client.users.conversations({ types: 'public_channel,private_channel', exclude_archived: true, limit: 1 });
    expect(first.channels?.map((c) => [c.id, c.is_ext_shared])).toEqual([['C0GUESTS', false]]);
    const rest = await client.users.conversations({ types: 'public_channel,private_channel', exclude_archived: true, limit: 1, cursor: first.response_metadata?.next_cursor as string });
    expect(rest.channels?.map((c) => [c.id, c.is_ext_shared])).toEqual([['C0SHARED', true]]);
    expect(rest.response_metadata?.next_cursor).toBe('');
  });
});

describe('the emulator’s own state', () => {
  it('a revoked token gets the same error from every method until it is restored', async () => {
    const client = clientFor(emulator());
    emulator().revokeToken('token_revoked');
    expect(await slackError(client.auth.test())).toBe('token_revoked');
    expect(await slackError(client.conversations.history({ channel: C }))).toBe('token_revoked');
    expect(await slackError(client.chat.postMessage({ channel: C, text: 'x' }))).toBe('token_revoked');
    emulator().restoreToken();
    expect((await client.auth.test()).ok).toBe(true);
  });

  it('answers unknown methods with unknown_method', async () => {
    expect(await slackError(clientFor(emulator()).apiCall('chat.levitate', { channel: C }))).toBe('unknown_method');
  });

  it('refuses to seed a second message with the same ts', () => {
    emulator().seedMessage(C, { ts: '1700000000.000100', user: 'U0CLIENT', text: 'a' });
    expect(() => emulator().seedMessage(C, { ts: '1700000000.000100', user: 'U0CLIENT', text: 'b' })).toThrow(/already has a message/);
  });

  it('reset() forgets calls, faults and messages but keeps users and channels unless told', async () => {
    const client = clientFor(emulator());
    await client.chat.postMessage({ channel: C, text: 'x' });
    emulator().failNext('auth.test', { kind: 'slack_error', error: 'boom' });
    emulator().reset();
    expect(emulator().calls).toEqual([]);
    expect(emulator().messagesIn(C)).toEqual([]);
    expect((await client.auth.test()).ok).toBe(true);
    expect(emulator().user('U0CLIENT')).toBeDefined();
    expect(emulator().channel(C)).toBeDefined();
    emulator().reset({ users: true, channels: true });
    expect(emulator().user('U0CLIENT')).toBeUndefined();
    expect(emulator().user(BOT_USER)).toBeDefined();
    expect(emulator().channel(C)).toBeUndefined();
  });
});
