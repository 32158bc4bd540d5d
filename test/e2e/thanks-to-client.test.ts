/**
 * Feedback both ways: the weekly digest asks each team lead whether to pass the consultants'
 * thanks on to a client whose requests were resolved in the week, and one click posts the
 * thank-you in the client's channel, once, in the channel's language. Run in English and Finnish.
 */
import { Queue } from 'bullmq';
import { QueueName } from '../../src/jobs/queues';
import { bullPrefix } from '../../src/store/keys';
import { digestWeek } from '../../src/domain/thanks';
import { blockAction, eventEnvelope, slashCommand, viewInput } from '../support/builders';
import { BOT_USER, internalUser } from '../support/slack-emulator';
import type { RecordedCall } from '../support/slack-emulator/types';
import { Channels, type Harness, PinnedClock, Users, startHarness, tsNow } from './harness';
import { dm, lifecycleDriver } from './support/lifecycle-driver';

const PASS_ON = 'digest_pass_on_thanks';
const OTHER_LEAD = 'U0OLLI';

const texts = {
  en: {
    offer: /\*Pass on the team's thanks\?\* These clients had requests resolved in the past week\./,
    row: '<#C0SHARED>: 2 requests resolved (<@U0AINO>)',
    preview: 'They will read: :pray: Thank you for the past week! We resolved 2 requests together, and we appreciate working with you. — <@U0AINO>',
    thanks: ':pray: Thank you for the past week! We resolved 2 requests together, and we appreciate working with you. — <@U0AINO>',
    passed: (by: string) => `:white_check_mark: <@${by}> passed on the thanks: they are on their way to <#C0SHARED>.`,
    already: (by: string) => `:white_check_mark: <@${by}> passed on the thanks to <#C0SHARED>: they were posted.`,
    notLead: 'Only the team leads of <#C0SHARED> can pass on thanks to its client.',
    failed: /^Could not deliver the team's thanks to the client in <#C0SHARED>: Kuittaus is not a member of the channel\./,
  },
  fi: {
    offer: /\*Välitetäänkö tiimin kiitokset\?\* Näiden asiakkaiden pyyntöjä ratkaistiin kuluneella viikolla\./,
    row: '<#C0SHARED>: 2 ratkaistua pyyntöä (<@U0AINO>)',
    preview: 'Asiakas lukee: :pray: Kiitos kuluneesta viikosta! Ratkaisimme yhdessä 2 pyyntöä ja yhteistyö kanssanne on ollut ilo. – <@U0AINO>',
    thanks: ':pray: Kiitos kuluneesta viikosta! Ratkaisimme yhdessä 2 pyyntöä ja yhteistyö kanssanne on ollut ilo. – <@U0AINO>',
    passed: (by: string) => `:white_check_mark: <@${by}> välitti kiitokset: ne ovat matkalla kanavalle <#C0SHARED>.`,
    already: (by: string) => `:white_check_mark: <@${by}> välitti kiitokset kanavalle <#C0SHARED>: ne on lähetetty.`,
    notLead: 'Vain kanavan <#C0SHARED> tiiminvetäjät voivat välittää kiitoksen asiakkaalle.',
    failed: /^Toimitus epäonnistui: tiimin kiitos asiakkaalle \(<#C0SHARED>\)\. Syy: /,
  },
} as const;

const blocksOf = (call: RecordedCall | undefined): Array<Record<string, unknown>> => {
  const blocks = call?.args.blocks;
  return (typeof blocks === 'string' ? JSON.parse(blocks) : (blocks ?? [])) as Array<Record<string, unknown>>;
};

describe.each(['en', 'fi'] as const)('thanks to the client (%s)', (lang) => {
  const say = texts[lang];
  const clock = new PinnedClock();
  let h: Harness;
  let drive: ReturnType<typeof lifecycleDriver>;
  /** Each lead's own digest. */
  const digests = new Map<string, RecordedCall>();

  const thanksPosts = () => h.slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.shared && c.args.thread_ts === undefined && c.ok !== false);
  const offerRow = (call: RecordedCall | undefined) => blocksOf(call).find((b) => b.block_id === 'thanks_offer_C0SHARED') as { text: { text: string }; accessory?: { value: string } } | undefined;
  /** A click on [Pass on our thanks] in `user`'s digest (a team lead's), or in the lead's (anyone else). */
  const clickOffer = (user: string) => {
    const digest = (digests.get(user) ?? digests.get(Users.lead)) as RecordedCall;
    const answer = digest.response as { ts: string; channel: string };
    const value = offerRow(digest)?.accessory?.value as string;
    return drive.click(user, PASS_ON, value, { channel: answer.channel, ts: answer.ts, text: String(digest.args.text), blocks: blocksOf(digest) });
  };

  beforeAll(async () => {
    h = await startHarness({ name: `thanks-${lang}`, clock, env: { DEFAULT_LANGUAGE: lang, TEAM_LEADS: `${Users.lead},${OTHER_LEAD}` } });
    h.slack.addUser(internalUser(OTHER_LEAD, 'Olli Lead'));
    drive = lifecycleDriver(h);
    for (const text of ['Thanks: exports fail', 'Thanks: login is slow']) {
      const { requestId } = await drive.newRequest(text);
      await drive.click(Users.consultant, 'request_claim', requestId);
      await drive.submit(Users.consultant, 'resolve_modal', requestId, { resolve_summary_block: { resolve_summary: viewInput.text('Fixed.') } });
    }
    await drive.newRequest('Thanks: still open');
    await h.advance(60_000);
    const next = ((await h.apps[0]?.timers.queue.getDelayed()) ?? []).filter((job) => job.name === 'digest');
    await next[0]?.promote();
    await h.idle();
    for (const lead of [Users.lead, OTHER_LEAD]) digests.set(lead, drive.dmsTo(lead).at(-1) as RecordedCall);
  });
  afterAll(() => h.stop());

  it('when the weekly digest comes, then it offers each lead to thank the client whose requests were resolved, with the words they will read', () => {
    const digest = digests.get(OTHER_LEAD);
    const blocks = JSON.stringify(blocksOf(digest));
    expect(blocks).toMatch(say.offer);
    const row = offerRow(digest);
    expect(row?.text.text).toBe(say.row);
    expect(row?.accessory).toMatchObject({ action_id: PASS_ON });
    expect(blocks).toContain(JSON.stringify(say.preview).slice(1, -1));
    // Offered, not posted: nothing reaches the client until a lead says so.
    expect(thanksPosts()).toHaveLength(0);
  });

  it('when someone who is not a team lead clicks, then they are refused and nothing is posted', async () => {
    await clickOffer(Users.consultant);
    const refusal = h.slack.callsTo('chat.postEphemeral', (c) => c.args.user === Users.consultant).at(-1);
    expect(refusal?.args.text).toBe(say.notLead);
    expect(thanksPosts()).toHaveLength(0);
  });

  it('when the bot was removed from the client channel, then the leads are told, and nothing is posted', async () => {
    h.slack.failNext('chat.postMessage', { kind: 'slack_error', error: 'not_in_channel' }, 5, (args) => args.channel === Channels.shared);
    await clickOffer(Users.lead);
    expect(offerRow(h.slack.callsTo('chat.update', (c) => c.args.channel === dm(Users.lead)).at(-1))?.text.text).toBe(`${say.row}\n${say.passed(Users.lead)}`);
    for (const lead of [Users.lead, OTHER_LEAD]) expect(drive.dmsTo(lead).filter((c) => say.failed.test(String(c.args.text)))).toHaveLength(1);
    expect(thanksPosts()).toHaveLength(0);
    h.slack.clearFaults();
  });

  it('when both team leads then click at once, then the thanks are posted once, and both read who passed them on', async () => {
    await Promise.all([clickOffer(Users.lead), clickOffer(OTHER_LEAD)]);
    expect(thanksPosts().map((c) => c.args.text)).toEqual([say.thanks]);
    const rows = [Users.lead, OTHER_LEAD].map((lead) => offerRow(h.slack.callsTo('chat.update', (c) => c.args.channel === dm(lead)).at(-1))?.text.text);
    // The first click counts (the one before the failure): whoever clicks now reads its name.
    for (const row of rows) expect([`${say.row}\n${say.passed(Users.lead)}`, `${say.row}\n${say.already(Users.lead)}`]).toContain(row);
    // What failed waits for /status replay too: replayed now, it finds the thanks posted.
    await h.send.command(slashCommand({ user_id: Users.lead, channel_id: Channels.internal, text: 'replay' }));
    await h.idle();
    expect(thanksPosts()).toHaveLength(1);
  });

  it('when a lead clicks once more, then the client is not thanked twice and the row says the thanks were posted', async () => {
    await clickOffer(OTHER_LEAD);
    expect(thanksPosts().map((c) => c.args.text)).toEqual([say.thanks]);
    const row = offerRow(h.slack.callsTo('chat.update', (c) => c.args.channel === dm(OTHER_LEAD)).at(-1));
    expect(row?.text.text).toBe(`${say.row}\n${say.already(Users.lead)}`);
    expect(row?.accessory).toBeUndefined();
  });
});

describe('a click on the offer', () => {
  const clock = new PinnedClock();
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ name: 'thanks-record', clock, env: { TEAM_LEADS: Users.lead } });
  });
  afterAll(() => h.stop());

  it('when the lead clicks, then the thank-you is recorded before Slack gets its answer, and posted once', async () => {
    const drive = lifecycleDriver(h);
    const { requestId } = await drive.newRequest('Thanks: the report is empty');
    await drive.click(Users.consultant, 'request_claim', requestId);
    await drive.submit(Users.consultant, 'resolve_modal', requestId, { resolve_summary_block: { resolve_summary: viewInput.text('Fixed.') } });
    await h.advance(60_000);
    const from = clock.now() - 7 * 24 * 3600_000;
    const week = digestWeek(from, 'Europe/Helsinki');
    const queue = new Queue(QueueName.Outbox, { connection: h.redis.duplicate(), prefix: bullPrefix(h.prefix) });
    try {
      // The click's answer comes once the job is in Redis: nothing the app does after it can lose the thanks.
      const res = await h.send.interaction(
        blockAction({ user: Users.lead, actionId: PASS_ON, value: `C0SHARED|${from}|1|U0AINO`, channel: dm(Users.lead), message: { ts: '1.000001' } }),
      );
      expect(res.status).toBe(200);
      const job = await queue.getJob(`thanks_T0HOST_C0SHARED_${week}`);
      expect(job?.data).toMatchObject({ kind: 'pass_thanks', channelId: 'C0SHARED', resolved: 1, people: ['U0AINO'], by: Users.lead });
      await h.idle();
      const posted = h.slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.shared && c.args.thread_ts === undefined && c.ok !== false);
      expect(posted.map((c) => c.args.text)).toEqual([':pray: Thank you for the past week! We resolved one request together, and we appreciate working with you. — <@U0AINO>']);
    } finally {
      await queue.close();
    }
  });

  const DAY = 24 * 3600_000;
  const clickAs = (user: string, value: string) => h.send.interaction(blockAction({ user, actionId: PASS_ON, value, channel: dm(user), message: { ts: tsNow() } }));
  const thanksPosted = () => h.slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.shared && c.args.thread_ts === undefined && c.ok !== false);
  const lastReply = () => h.slack.callsTo('chat.postEphemeral', (c) => c.args.user === Users.lead).at(-1)?.args.text;

  it('when the bot is out of the client channel at the click, then the lead reads why and what to do, and a click once it is back passes the thanks on', async () => {
    // Another week than the test above's (its thanks were posted).
    const value = `C0SHARED|${clock.now() - 10 * DAY}|3|U0AINO,U0LEAD`;
    const lost = { user: BOT_USER, channel: Channels.shared, channel_type: 'C', team: 'T0HOST' };
    await h.send.event(eventEnvelope({ type: 'member_left_channel', ...lost }, { isExtSharedChannel: true }));
    await h.idle();
    const before = thanksPosted().length;
    expect((await clickAs(Users.lead, value)).status).toBe(200);
    await h.idle();
    expect(lastReply()).toBe('Kuittaus cannot post in <#C0SHARED> now (Kuittaus is not a member of the channel): invite it back, then click again.');
    expect(thanksPosted()).toHaveLength(before);
    await h.send.event(eventEnvelope({ type: 'member_joined_channel', ...lost }, { isExtSharedChannel: true }));
    await clickAs(Users.lead, value);
    await h.idle();
    expect(thanksPosted().slice(before).map((c) => c.args.text)).toEqual([
      ':pray: Thank you for the past week! We resolved 3 requests together, and we appreciate working with you. — <@U0AINO> and <@U0LEAD>',
    ]);
  });

  it('when the digest is more than a week old, then the lead reads that thanks would come too late, and nothing is posted', async () => {
    const before = thanksPosted().length;
    await clickAs(Users.lead, `C0SHARED|${clock.now() - 15 * DAY}|2|U0AINO`);
    await h.idle();
    expect(lastReply()).toBe('That digest is more than a week old: thanks for its week would come too late, so nothing was posted in <#C0SHARED>.');
    expect(thanksPosted()).toHaveLength(before);
  });

  it('when the value is not an offer of ours, then the click is logged and ignored', async () => {
    const before = h.slack.calls.length;
    const res = await h.send.interaction(blockAction({ user: Users.lead, actionId: PASS_ON, value: 'C0SHARED|nonsense', channel: dm(Users.lead) }));
    expect(res.status).toBe(200);
    await h.idle();
    expect(h.slack.calls.slice(before).filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral')).toHaveLength(0);
  });
});
