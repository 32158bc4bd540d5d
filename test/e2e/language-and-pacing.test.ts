/** The channel's language, and Slack's one-message-a-second-per-channel limit. */
import { eventEnvelope, messageEvent } from '../support/builders';
import { Channels, type Harness, startHarness, tsNow } from './harness';

describe('a Finnish-speaking channel', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ name: 'finnish', env: { DEFAULT_LANGUAGE: 'fi' } });
  });
  afterAll(() => h.stop());

  it('when a client in Helsinki writes, then the acknowledgement is in Finnish, on their own clock (no zone named)', async () => {
    const event = messageEvent({ channel: Channels.shared, user: h.newClient('Matti Meikäläinen'), user_team: 'T0CLIENT', text: 'Tuotanto ei toimi', ts: tsNow() });
    await h.send.event(eventEnvelope(event, { isExtSharedChannel: true }));
    const ack = await h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === event.ts);
    expect(String(ack.args.text)).toMatch(/^Kiitos, Matti/);
    expect(String(ack.args.text)).toMatch(/viimeistään [^()]*klo \d{1,2}\.\d{2}\.$/);
    expect(String(ack.args.text)).not.toContain('aikaa');
  });
});

describe('posting pace per channel', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ name: 'pacing', channelIntervalMs: 1000 });
  });
  afterAll(() => h.stop());

  it('when three clients write at once in one channel, then the acknowledgements are about a second apart', async () => {
    const events = [1, 2, 3].map((i) =>
      messageEvent({ channel: Channels.shared, user: h.newClient(`Client ${i}`), user_team: 'T0CLIENT', text: `Problem ${i}`, ts: tsNow() }),
    );
    await Promise.all(events.map((e) => h.send.event(eventEnvelope(e, { isExtSharedChannel: true }))));
    await h.idle();
    const times = h.slack
      .callsTo('chat.postMessage', (c) => c.args.channel === Channels.shared)
      .map((c) => c.at)
      .sort((a, b) => a - b);
    expect(times).toHaveLength(3);
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(950);
    expect((times[2] as number) - (times[1] as number)).toBeGreaterThanOrEqual(950);
  });
});
