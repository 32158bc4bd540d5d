/**
 * Urgent work out of hours: an urgent request on a Saturday reaches the on-call people at once by
 * DM with the card's buttons, and the client hears that the on-call person has been alerted; a
 * channel may count urgent requests round the clock. Real business hours (Mon–Fri 09–17).
 */
import { Redis } from 'ioredis';
import { RedisSettingsStore } from '../../src/store/redis-settings-store';
import { Channels, type Harness, PinnedClock, Users, startHarness } from './harness';
import { lifecycleDriver, requestIdIn } from './support/lifecycle-driver';

/** Sat 28 Nov 2026 11:00 in Helsinki. */
const SATURDAY = Date.parse('2026-11-28T09:00:00Z');
const HOURS = { WORKING_DAYS: 'mon-fri', BUSINESS_HOURS: '09:00-17:00', ON_CALL: Users.lead };

async function channelSettings(h: Harness, overrides: Record<string, unknown>) {
  const redis = new Redis(process.env.REDIS_URL as string);
  try {
    await new RedisSettingsStore(redis, h.prefix, h.config.defaults).save('T0HOST', Channels.shared, overrides);
  } finally {
    redis.disconnect();
  }
}

describe('an urgent request out of hours (English)', () => {
  let h: Harness;
  let drive: ReturnType<typeof lifecycleDriver>;
  beforeAll(async () => {
    h = await startHarness({ name: 'on-call-en', env: HOURS, clock: new PinnedClock(SATURDAY) });
    drive = lifecycleDriver(h);
  });
  afterAll(() => h.stop());
  beforeEach(async () => {
    await h.idle();
    h.slack.reset();
    await channelSettings(h, {});
  });

  it('when a client writes "URGENT: production is down" on a Saturday, then the on-call person gets it by DM with the card buttons and the client hears they were alerted', async () => {
    const { ts, requestId } = await drive.newRequest('URGENT: production is down');
    expect(drive.clientThread(ts)).toEqual([
      "Thanks, Maria — we've received your urgent request and alerted our on-call person. You'll get the first update by Mon 30 Nov at 10:00.",
    ]);
    const alerts = drive.dmsTo(Users.lead);
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(String(alert.args.text)).toMatch(/^:rotating_light: Urgent request outside business hours, and you are on call\. <@U0C\d+>: <.+\|“URGENT: production is down”>$/);
    const blocks = JSON.stringify(alert.args.blocks);
    for (const action of ['request_claim', 'request_assign', 'request_dismiss']) expect(blocks).toContain(action);
    expect(requestIdIn(alert.args.blocks)).toBe(requestId);
    expect((await h.store.events('T0HOST', requestId)).map((e) => e.type)).toContain('on_call_alerted');

    // [Claim] in the DM takes it: the client hears who is on it.
    await drive.clickOn(alert, Users.lead, 'request_claim', requestId);
    expect((await h.request(requestId)).ownerId).toBe(Users.lead);
    expect(h.slack.callsTo('chat.postEphemeral', (c) => c.args.user === Users.lead && /You own this request now/.test(String(c.args.text)))).toHaveLength(1);
    const thread = h.slack.messagesIn(Channels.shared, ts).map((m) => m.text).join('\n');
    expect(thread).toContain('Leena');
  });

  it('when a normal request comes on a Saturday, then nobody is woken and the client hears when the team is back', async () => {
    const { ts } = await drive.newRequest('Could you add a new user to the portal?');
    expect(drive.dmsTo(Users.lead)).toHaveLength(0);
    expect(drive.clientThread(ts)).toEqual([
      "Thanks, Maria — we've received your request. Our team is back on Monday at 09:00, and you'll get the first update by Mon 30 Nov at 10:00.",
    ]);
  });

  it("when the channel names its own on-call person, then that person is alerted instead of ON_CALL's", async () => {
    await channelSettings(h, { onCallIds: [Users.consultant] });
    await drive.newRequest('Production is down, urgent!');
    expect(drive.dmsTo(Users.lead)).toHaveLength(0);
    expect(drive.dmsTo(Users.consultant).map((c) => String(c.args.text))).toEqual([expect.stringMatching(/^:rotating_light: Urgent request outside business hours/)]);
  });

  it('when the channel counts urgent requests round the clock, then the first update is due within the hour on a Saturday, and a normal one still waits for Monday', async () => {
    await channelSettings(h, { urgentAroundTheClock: true });
    const urgent = await drive.newRequest('URGENT: the web shop is down');
    expect(drive.clientThread(urgent.ts)).toEqual([
      "Thanks, Maria — we've received your urgent request and alerted our on-call person. You'll get the first update by 12:00 today.",
    ]);
    expect((await h.request(urgent.requestId)).nextUpdateDueAt).toBe(SATURDAY + 3_600_000);
    const normal = await drive.newRequest('Please add Pekka to the mailing list');
    expect((await h.request(normal.requestId)).nextUpdateDueAt).toBe(Date.parse('2026-11-30T08:00:00Z'));
  });
});

describe('an urgent request out of hours (Finnish)', () => {
  let h: Harness;
  let drive: ReturnType<typeof lifecycleDriver>;
  beforeAll(async () => {
    h = await startHarness({ name: 'on-call-fi', env: { ...HOURS, DEFAULT_LANGUAGE: 'fi' }, clock: new PinnedClock(SATURDAY) });
    drive = lifecycleDriver(h);
  });
  afterAll(() => h.stop());

  it('when a client writes "Tuotanto ei toimi, kiire!" on a Saturday, then the on-call person gets it by DM and the client hears in Finnish that they were alerted', async () => {
    const { ts, requestId } = await drive.newRequest('Tuotanto ei toimi, kiire!', h.newClient('Matti Meikäläinen'));
    expect(drive.clientThread(ts)).toEqual([
      'Kiitos, Matti – kiireellinen pyyntösi on vastaanotettu ja päivystäjämme on hälytetty. Kerromme tilanteesta viimeistään ma 30.11. klo 10.00.',
    ]);
    const alert = drive.lastDm(Users.lead, /päivystät/);
    expect(String(alert.args.text)).toMatch(/^:rotating_light: Kiireellinen pyyntö työajan ulkopuolella, ja sinä päivystät\. .+\|”Tuotanto ei toimi, kiire!”>$/);
    expect(JSON.stringify(alert.args.blocks)).toContain('Ota itselle');
    await drive.clickOn(alert, Users.lead, 'request_claim', requestId);
    expect((await h.request(requestId)).ownerId).toBe(Users.lead);
  });
});
