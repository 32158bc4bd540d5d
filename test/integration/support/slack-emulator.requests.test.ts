/** How the emulator reads requests: required arguments, tokens, form and JSON bodies, recording. */
import { internalUser, startSlackEmulator } from '../../support/slack-emulator';
import { clientFor, rejectionOf, useEmulator } from './helpers';

const emulator = useEmulator();
const C = 'C0SHARED';

beforeEach(() => {
  emulator().addChannel({ id: C, name: 'acme-support', is_ext_shared: true, is_shared: true, is_private: false });
  emulator().addUser(internalUser('U0AINO', 'Aino Laine'));
});

const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(`${emulator().apiUrl}${path}`, { method: 'POST', body, headers }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }));
const form = (fields: Record<string, string>, token = 'xoxb-test') =>
  ({ body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...(token ? { authorization: `Bearer ${token}` } : {}) } });

describe('required arguments', () => {
  const view = { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [] };
  const home = { type: 'home', blocks: [] };
  // method, complete arguments, the required ones (each left out in turn)
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['chat.postMessage', { channel: C, text: 'x' }, ['channel', 'text']],
    ['chat.update', { channel: C, ts: '1.000001', text: 'x' }, ['channel', 'ts']],
    ['chat.delete', { channel: C, ts: '1.000001' }, ['channel', 'ts']],
    ['chat.postEphemeral', { channel: C, user: 'U0AINO', text: 'x' }, ['channel', 'user', 'text']],
    ['chat.getPermalink', { channel: C, message_ts: '1.000001' }, ['channel', 'message_ts']],
    ['reactions.add', { channel: C, timestamp: '1.000001', name: 'eyes' }, ['channel', 'timestamp', 'name']],
    ['reactions.remove', { channel: C, timestamp: '1.000001', name: 'eyes' }, ['channel', 'timestamp', 'name']],
    ['users.info', { user: 'U0AINO' }, ['user']],
    ['conversations.info', { channel: C }, ['channel']],
    ['conversations.history', { channel: C }, ['channel']],
    ['conversations.replies', { channel: C, ts: '1.000001' }, ['channel', 'ts']],
    ['conversations.join', { channel: C }, ['channel']],
    ['conversations.open', { users: 'U0AINO' }, ['users']],
    ['views.open', { trigger_id: '1.2.a', view }, ['trigger_id', 'view']],
    ['views.update', { view_id: 'V1', view }, ['view_id', 'view']],
    ['views.publish', { user_id: 'U0AINO', view: home }, ['user_id', 'view']],
  ];
  const each = cases.flatMap(([method, args, required]) => required.map((name) => [method, name, args] as const));

  it.each(each)('%s without %s → invalid_arguments, recorded', async (method, name, args) => {
    const without = Object.fromEntries(Object.entries(args).filter(([k]) => k !== name));
    const error = await rejectionOf(clientFor(emulator()).apiCall(method, without));
    expect(error.data?.error).toBe('invalid_arguments');
    expect(error.data?.response_metadata).toEqual({ messages: [expect.stringContaining('missing required field')] });
    expect(emulator().callsTo(method)).toEqual([expect.objectContaining({ ok: false, status: 200, response: expect.objectContaining({ error: 'invalid_arguments' }) })]);
  });

  it('chat.postMessage with neither text nor blocks nor attachments → invalid_arguments', async () => {
    const error = await rejectionOf(clientFor(emulator()).apiCall('chat.postMessage', { channel: C, text: '' }));
    expect(error.data?.error).toBe('invalid_arguments');
  });
});

describe('tokens', () => {
  it('no token → not_authed; a wrong one → invalid_auth; both recorded', async () => {
    expect((await rejectionOf(clientFor(emulator(), {}, '').auth.test())).data?.error).toBe('not_authed');
    expect((await rejectionOf(clientFor(emulator(), {}, 'xoxb-wrong').auth.test())).data?.error).toBe('invalid_auth');
    expect(emulator().callsTo('auth.test').map((c) => [c.token, c.response.error])).toEqual([[undefined, 'not_authed'], ['xoxb-wrong', 'invalid_auth']]);
  });

  it('a token form field works like the Authorization header', async () => {
    const res = await post('auth.test', new URLSearchParams({ token: 'xoxb-test' }).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.json).toMatchObject({ ok: true, user_id: 'U0BOT' });
  });

  it('a custom bot token is the one accepted', async () => {
    const other = await startSlackEmulator({ botToken: 'xoxb-other', hostTeamId: 'T0OTHER' });
    try {
      expect((await clientFor(other, {}, 'xoxb-other').auth.test()).team_id).toBe('T0OTHER');
      expect((await rejectionOf(clientFor(other).auth.test())).data?.error).toBe('invalid_auth');
    } finally {
      await other.close();
    }
  });
});

describe('request formats', () => {
  it('decodes web-api 8.2 form bodies back into typed args (JSON fields, booleans, numbers)', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }];
    await clientFor(emulator()).chat.postMessage({ channel: C, text: 'true', blocks, unfurl_links: false, metadata: { event_type: 'e', event_payload: { n: 1 } } });
    await clientFor(emulator()).conversations.history({ channel: C, limit: 5, inclusive: true, include_all_metadata: true });
    expect(emulator().callsTo('chat.postMessage')[0]?.args).toEqual({
      channel: C,
      text: 'true',
      blocks,
      unfurl_links: false,
      metadata: { event_type: 'e', event_payload: { n: 1 } },
    });
    expect(emulator().callsTo('conversations.history')[0]?.args).toEqual({ channel: C, limit: 5, inclusive: true, include_all_metadata: true });
  });

  it('keeps text that looks like JSON as text', async () => {
    await clientFor(emulator()).chat.postMessage({ channel: C, text: '[1, 2]' });
    expect(emulator().callsTo('chat.postMessage')[0]?.args.text).toBe('[1, 2]');
  });

  it('accepts JSON bodies with a bearer token', async () => {
    const res = await post('chat.postMessage', JSON.stringify({ channel: C, text: 'json', blocks: [{ type: 'divider' }] }), {
      'content-type': 'application/json; charset=utf-8',
      authorization: 'Bearer xoxb-test',
    });
    expect(res.json).toMatchObject({ ok: true, channel: C });
    expect(emulator().callsTo('chat.postMessage')[0]?.args).toEqual({ channel: C, text: 'json', blocks: [{ type: 'divider' }] });
  });

  it('answers broken bodies like Slack: invalid_form_data / invalid_json', async () => {
    const broken = form({ channel: C, text: 'x', blocks: '[{"type":' });
    expect((await post('chat.postMessage', broken.body, broken.headers)).json).toMatchObject({ ok: false, error: 'invalid_form_data' });
    expect((await post('chat.postMessage', '{nope', { 'content-type': 'application/json', authorization: 'Bearer xoxb-test' })).json).toMatchObject({
      ok: false,
      error: 'invalid_json',
    });
  });
});

describe('recording and waiting', () => {
  it('records method, args, time, token and answer of every call', async () => {
    const before = Date.now();
    await clientFor(emulator()).chat.postMessage({ channel: C, text: 'hello' });
    const [call] = emulator().calls;
    expect(call).toMatchObject({ method: 'chat.postMessage', args: { channel: C, text: 'hello' }, token: 'xoxb-test', status: 200, ok: true });
    expect(call?.at).toBeGreaterThanOrEqual(before);
    expect(call?.at).toBeLessThanOrEqual(Date.now());
    expect(call?.response).toMatchObject({ ok: true, channel: C });
    expect(emulator().callsTo('chat.postMessage', (c) => c.args.text === 'other')).toEqual([]);
  });

  it('waitForCall resolves with a call that already happened or that arrives later', async () => {
    const client = clientFor(emulator());
    await client.chat.postMessage({ channel: C, text: 'first' });
    await expect(emulator().waitForCall('chat.postMessage')).resolves.toMatchObject({ args: { text: 'first' } });
    const later = emulator().waitForCall('chat.postMessage', (c) => c.args.text === 'second', { timeoutMs: 2000 });
    setTimeout(() => void client.chat.postMessage({ channel: C, text: 'second' }), 20);
    await expect(later).resolves.toMatchObject({ args: { text: 'second' }, ok: true });
  });

  it('waitForCall rejects after the timeout, listing the calls it saw', async () => {
    await clientFor(emulator()).auth.test();
    await expect(emulator().waitForCall('chat.postMessage', undefined, { timeoutMs: 30 })).rejects.toThrow(
      /no matching chat.postMessage call within 30 ms; calls so far: auth.test ok/,
    );
  });

  it('expectNoCall is true when nothing matching came within the window, false as soon as something did', async () => {
    const client = clientFor(emulator());
    await expect(emulator().expectNoCall('chat.postMessage', () => true, 30)).resolves.toBe(true);
    const started = Date.now();
    const verdict = emulator().expectNoCall('chat.postMessage', (c) => c.args.text === 'late', 2000);
    await client.chat.postMessage({ channel: C, text: 'late' });
    await expect(verdict).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('onCall reports each call until unsubscribed', async () => {
    const seen: string[] = [];
    const off = emulator().onCall((c) => seen.push(c.method));
    await clientFor(emulator()).auth.test();
    off();
    await clientFor(emulator()).auth.test();
    expect(seen).toEqual(['auth.test']);
  });
});
