/**
 * `/status` over signed HTTP: every argument, the scoping inside a client channel, paging with
 * "Show more" (through the response_url), and nothing at all for people outside the team.
 */
import { Redis } from 'ioredis';
import { RedisSettingsStore } from '../../src/store/redis-settings-store';
import { blockAction, eventEnvelope, messageEvent, slashCommand } from '../support/builders';
import { Channels, type Harness, PinnedClock, Users, startHarness, tsNow } from './harness';
import { dm, lifecycleDriver } from './support/lifecycle-driver';

const OTHER_SHARED = 'C0GLOBEX';
const MINUTE = 60_000;
const clock = new PinnedClock();
let h: Harness;
let drive: ReturnType<typeof lifecycleDriver>;
let redis: Redis;
const ids: Record<string, string> = {};

type Answer = { response_type?: string; text?: string; blocks?: Array<{ type: string; text?: { text: string }; elements?: Array<{ value?: string; text?: string }> }> };

async function status(user: string, text = '', channel: string = Channels.internal): Promise<Answer> {
  const res = await h.send.command(slashCommand({ user_id: user, channel_id: channel, text, response_url: h.slack.responseUrl() }));
  expect(res.status).toBe(200);
  return JSON.parse(res.body) as Answer;
}
const rowsOf = (answer: Answer) =>
  (answer.blocks ?? []).filter((b) => b.type === 'section').slice(1).map((b) => b.text?.text ?? '');
const excerptsOf = (answer: Answer) => rowsOf(answer).map((row) => /“(.+?)”/.exec(row)?.[1]);

beforeAll(async () => {
  h = await startHarness({ name: 'status', clock });
  h.slack.addChannel({ id: OTHER_SHARED, name: 'globex-support', is_ext_shared: true, is_shared: true, is_private: false });
  redis = new Redis(process.env.REDIS_URL as string);
  const settings = new RedisSettingsStore(redis, h.prefix, h.config.defaults);
  await settings.save('T0HOST', Channels.shared, { clientName: 'Acme' });
  await settings.save('T0HOST', OTHER_SHARED, { clientName: 'Globex' });
  drive = lifecycleDriver(h);

  // Acme: one unowned, one owned by Aino with an ETA, one owned by Leena and overdue later.
  ids.unowned = (await drive.newRequest('Acme unowned request')).requestId;
  ids.aino = (await drive.newRequest('Acme request Aino owns')).requestId;
  await drive.click(Users.consultant, 'request_claim', ids.aino);
  ids.leena = (await drive.newRequest('Acme request Leena owns')).requestId;
  await drive.click(Users.lead, 'request_claim', ids.leena);
  // Globex: one request, in its own channel.
  const globex = messageEvent({ channel: OTHER_SHARED, user: h.newClient('Gina Globex'), user_team: 'T0GLOBEX', text: 'Globex request', ts: tsNow(clock.now()) });
  await h.send.event(eventEnvelope(globex, { isExtSharedChannel: true }));
  await h.idle();
  // Aino posts an update: her request's next update moves 4 h ahead; the others fall due.
  await drive.click(Users.consultant, 'request_still_on_it', ids.aino, { channel: dm(Users.consultant), ts: '1.000009' });
  await h.advance(61 * MINUTE);
});
afterAll(async () => {
  redis.disconnect();
  await h.stop();
});

describe('/status', () => {
  it('when run with no argument outside a client channel, then it counts everything and lists the most urgent first', async () => {
    const answer = await status(Users.lead);
    expect(answer.response_type).toBe('ephemeral');
    const header = answer.blocks?.[0]?.text?.text ?? '';
    expect(header).toContain('*Open client requests*');
    expect(header).toContain('*Open* 4 · *Unowned* 2 · *Update overdue* 3 · *ETA missed* 0 · *Waiting on client* 0');
    expect(excerptsOf(answer).at(-1)).toBe('Acme request Aino owns'); // the only one not overdue
    const aino = rowsOf(answer).find((row) => row.includes('Aino owns')) ?? '';
    expect(aino).toMatch(/^\*Acme\* <#C0SHARED> · /);
    expect(aino).toContain('<@U0AINO>');
    expect(aino).toContain('last update <!date^');
    expect(rowsOf(answer).find((row) => row.includes('Acme unowned')) ?? '').toContain(':warning: unowned');
  });

  it('when run inside a client channel, then it is scoped to that channel', async () => {
    const answer = await status(Users.consultant, '', OTHER_SHARED);
    expect(answer.blocks?.[0]?.text?.text).toContain('Open requests in <#C0GLOBEX>');
    expect(excerptsOf(answer)).toEqual(['Globex request']);
  });

  it.each<[string, string, string[]]>([
    ['overdue', 'overdue', ['Acme unowned request', 'Acme request Leena owns', 'Globex request']],
    ['unowned', 'unowned', ['Acme unowned request', 'Globex request']],
    ['mine (Aino)', 'mine', ['Acme request Aino owns']],
    ['@user', '<@U0LEAD|leena>', ['Acme request Leena owns']],
    ['#channel', '<#C0GLOBEX|globex-support>', ['Globex request']],
    ['a client name', 'acme', ['Acme unowned request', 'Acme request Leena owns', 'Acme request Aino owns']],
  ])('when run with %s, then it shows just those requests', async (_label, text, expected) => {
    const answer = await status(Users.consultant, text);
    expect(new Set(excerptsOf(answer))).toEqual(new Set(expected));
    expect(excerptsOf(answer)).toHaveLength(expected.length);
  });

  it.each([
    ['help', 'help', /^Usage: `\/status`/],
    ['an unknown client', 'initech', /^I know no client called “initech”\.\nUsage:/],
  ])('when run with %s, then it answers with the usage text', async (_label, text, expected) => {
    const answer = await status(Users.consultant, text);
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toMatch(expected);
  });

  it.each([
    ['a client', Users.client],
    ['a guest', Users.guest],
  ])('when %s runs it, then they get a polite refusal and no data', async (_label, user) => {
    const answer = await status(user, '', Channels.shared);
    expect(answer.text).toBe('Sorry, this is only available to members of Kuittaus Test.');
    expect(JSON.stringify(answer)).not.toContain('Acme');
    expect(answer.blocks).toBeUndefined();
  });
});

describe('/status paging', () => {
  it('when more requests are open than one message holds, then "Show more" brings the next page through the response_url', async () => {
    for (let i = 1; i <= 14; i++) await drive.newRequest(`Bulk request ${String(i).padStart(2, '0')}`);
    const first = await status(Users.lead);
    expect(rowsOf(first)).toHaveLength(15);
    const footer = JSON.stringify(first.blocks?.slice(-2));
    expect(footer).toContain('Showing 1–15 of 18.');
    const more = first.blocks?.at(-1)?.elements?.[0];
    expect(more?.value).toBeDefined();
    expect(first.blocks?.length).toBeLessThanOrEqual(50);

    const url = h.slack.responseUrl('actions');
    await h.send.interaction(blockAction({ user: Users.lead, actionId: 'status_show_more', value: more?.value as string, channel: Channels.internal, responseUrl: url }));
    const page2 = await h.slack.waitForCall('response_url', (c) => c.args.url === new URL(url).pathname);
    expect(page2.args.replace_original).toBe(true);
    const answer = page2.args as Answer;
    expect(rowsOf(answer)).toHaveLength(3);
    expect(JSON.stringify(answer.blocks)).toContain('Showing 16–18 of 18.');
    expect(JSON.stringify(answer.blocks)).not.toContain('status_show_more');
  });
});

describe('/status "Show more" with bad input', () => {
  it.each([
    ['a value that is not an object', '0', undefined],
    ['a response_url that cannot be reached', JSON.stringify({ q: '', o: 15, c: '' }), 'http://127.0.0.1:1/hooks/actions/1'],
  ])('when the click carries %s, then it is answered 200 and nothing breaks', async (_label, value, responseUrl) => {
    const res = await h.send.interaction(
      blockAction({ user: Users.lead, actionId: 'status_show_more', value, channel: Channels.internal, responseUrl: responseUrl ?? h.slack.responseUrl('actions') }),
    );
    expect(res.status).toBe(200);
    expect((await fetch(`${h.baseUrl()}/healthz`)).status).toBe(200);
  });
});
