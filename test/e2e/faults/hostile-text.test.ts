/**
 * Client text is never trusted: broadcasts, mentions, user groups, markup and odd Unicode are shown
 * as text wherever the app repeats them (card, DMs, /status, Home), and never logged above debug.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { appHomeOpenedEvent, eventEnvelope, slashCommand } from '../../support/builders';
import { Channels, type Harness, PinnedClock, Users, startHarness } from '../harness';
import { lifecycleDriver } from '../support/lifecycle-driver';

const MINUTE = 60_000;
const SECRET = 'zebra-7731-confidential';
// As Slack sends what a client typed: control sequences for @channel etc., and &amp; &lt; &gt;.
const HOSTILE = [
  `<!channel> <!here> <!everyone> <@U0LEAD> <!subteam^S0123|@oncall> @channel @here`,
  `&lt;script&gt; &amp; <https://evil.example|click me> ${SECRET}`,
  `${'🔥'.repeat(200)} \u202Eevil\u202C \u0000 zalgo: ẑ̷̢a̸l̵g̶o̷`,
].join('\n');
const FORBIDDEN = ['<!channel>', '<!here>', '<!everyone>', '<!subteam', '<@U0LEAD>', '<https://evil.example'];

const clock = new PinnedClock();
const logged: string[] = [];
let h: Harness;
let drive: ReturnType<typeof lifecycleDriver>;

beforeAll(async () => {
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logged.push(chunk.toString());
      done();
    },
  });
  h = await startHarness({ name: 'hostile', clock, env: { TEAM_LEADS: Users.lead }, log: pino({ level: 'info' }, stream) });
  drive = lifecycleDriver(h);
});
afterAll(() => h.stop());

/** Every text the app sent to Slack, except the client's own messages it read back. */
function everythingSent(): string {
  const methods = ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'views.publish', 'views.open', 'response_url'];
  return JSON.stringify(methods.flatMap((m) => h.slack.callsTo(m).map((c) => ({ text: c.args.text, blocks: c.args.blocks, view: c.args.view }))));
}

it('when a client posts hostile text, then every place that repeats it shows it as text and no one is pinged', async () => {
  const { ts, requestId } = await drive.newRequest(HOSTILE, h.newClient(), SECRET);
  await drive.click(Users.consultant, 'request_claim', requestId);
  await h.advance(50 * MINUTE); // a reminder DM that quotes the excerpt
  await h.advance(41 * MINUTE); // an escalation to the team lead
  const status = await h.send.command(slashCommand({ user_id: Users.lead, channel_id: Channels.internal, text: '', response_url: h.slack.responseUrl() }));
  expect(status.body).toContain('&lt;!channel&gt;');
  await h.send.event(eventEnvelope(appHomeOpenedEvent({ user: Users.lead })));
  await h.idle();

  expect(h.slack.callsTo('chat.postMessage', (c) => /^Update due at/.test(String(c.args.text)))).toHaveLength(1);
  expect(h.slack.callsTo('chat.postMessage', (c) => /^Update overdue/.test(String(c.args.text)))).toHaveLength(1);
  const sent = everythingSent() + JSON.stringify(h.slack.homeView(Users.lead)?.view ?? {}) + status.body;
  expect(sent).toContain('&lt;!channel&gt;'); // shown, escaped
  for (const sequence of FORBIDDEN) expect(sent).not.toContain(sequence);
  expect(sent).not.toMatch(/@(channel|here|everyone)\b/); // plain words get a word joiner
  expect(h.slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.shared && c.args.thread_ts === ts).length).toBeGreaterThan(1);

  // Block Kit limits hold with the long excerpt (the emulator rejects what Slack would).
  expect(h.slack.calls.filter((c) => !c.ok && c.method !== 'conversations.history')).toEqual([]);
});

it('when the app logs at info, then no client text reaches the log', () => {
  const all = logged.join('');
  expect(all.length).toBeGreaterThan(0);
  expect(all).toContain('request tracked');
  expect(all).not.toContain(SECRET);
  expect(all).not.toContain('zebra');
});
