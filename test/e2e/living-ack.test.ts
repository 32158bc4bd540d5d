/**
 * The living acknowledgement, in English and in Finnish: the owner and the first ETA set within
 * the first minutes after the acknowledgement are told by editing it in place (one message, not
 * three); after the window, or once anyone else wrote in the thread, they are posts of their own,
 * as are later updates. An edit Slack refuses for good is posted instead (never lost); one Slack
 * fails for a while is retried, and still edits once without posting.
 */
import type { Language } from '../../src/domain/settings';
import { LIVING_ACK_WINDOW_MS } from '../../src/domain/living-ack';
import { formatDueTime } from '../../src/i18n';
import { appMessages, deliveryKeys, keyCounts, promisedAt } from '../support/delivery-checks';
import { viewInput } from '../support/builders';
import { Channels, type Harness, PinnedClock, Users, startHarness } from './harness';
import { lifecycleDriver } from './support/lifecycle-driver';

const MINUTE = 60_000;
const TEAM = 'T0HOST';

/** What the client reads, in each language (times are filled in from what the request records). */
const SAYS: Record<Language, { ack: RegExp; owner: string; living: RegExp; livingEta: (eta: string, next: string) => string; eta: (eta: string, next: string) => string }> = {
  en: {
    ack: /^Thanks, Maria — we've received your request and we're on it\. You'll get the next update by .+\.$/,
    owner: 'Aino from our team is working on this.',
    living: /^Thanks, Maria — we've received your request\. Aino from our team is on it\. You'll get the next update by .+\.$/,
    livingEta: (eta, next) => `Thanks, Maria — we've received your request. Aino from our team is on it; estimated resolution ${eta}. You'll get the next update by ${next}.`,
    eta: (eta, next) => `Estimated resolution: ${eta}.\nNext update by ${next}.`,
  },
  fi: {
    ack: /^Kiitos, Maria – pyyntösi on vastaanotettu ja asia on työn alla\. Kerromme tilanteesta viimeistään .+\.$/,
    owner: 'Asiaasi hoitaa tiimistämme Aino.',
    living: /^Kiitos, Maria – pyyntösi on vastaanotettu\. Asiaasi hoitaa tiimistämme Aino\. Kerromme tilanteesta viimeistään .+\.$/,
    livingEta: (eta, next) => `Kiitos, Maria – pyyntösi on vastaanotettu. Asiaasi hoitaa tiimistämme Aino. Arvioitu ratkaisuaika: ${eta}. Kerromme tilanteesta viimeistään ${next}.`,
    eta: (eta, next) => `Arvioitu ratkaisuaika: ${eta}.\nSeuraava päivitys viimeistään ${next}.`,
  },
};

describe.each<Language>(['en', 'fi'])('the living acknowledgement (%s)', (lang) => {
  const say = SAYS[lang];
  const clock = new PinnedClock();
  let h: Harness;
  let drive: ReturnType<typeof lifecycleDriver>;

  beforeAll(async () => {
    h = await startHarness({ name: `living-ack-${lang}`, clock, env: { DEFAULT_LANGUAGE: lang } });
    drive = lifecycleDriver(h);
  });
  afterAll(() => h.stop());
  afterEach(() => h.slack.clearFaults());

  const when = (at: number) => formatDueTime(at, clock.now(), 'Europe/Helsinki', lang, { zone: false });
  const claim = (id: string) => drive.click(Users.consultant, 'request_claim', id);
  const setEta = (id: string) => drive.submit(Users.consultant, 'eta_modal', id, { eta_quick_pick_block: { eta_quick_pick: viewInput.staticSelect('in_2h') } });
  const posts = (ts: string) => h.slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.shared && c.args.thread_ts === ts);
  const edits = (ackTs: string) => h.slack.callsTo('chat.update', (c) => c.args.channel === Channels.shared && c.args.ts === ackTs);

  it('when the owner claims and sets an ETA within the window, then the client reads one message, edited in place', async () => {
    const { ts, requestId: id } = await drive.newRequest('The export fails with error 500');
    expect(drive.clientThread(ts)).toEqual([expect.stringMatching(say.ack)]);

    clock.advance(4 * MINUTE);
    await claim(id);
    expect(drive.clientThread(ts)).toEqual([expect.stringMatching(say.living)]);

    clock.advance(3 * MINUTE);
    await setEta(id);
    const r = await h.request(id);
    expect(drive.clientThread(ts)).toEqual([say.livingEta(when(r.etaAt as number), when(r.nextUpdateDueAt))]);

    // One post (the acknowledgement), edited twice; it stands for all three messages and promises the ETA's next update.
    expect(posts(ts)).toHaveLength(1);
    const [ack] = appMessages(h.slack, Channels.shared, ts);
    expect(edits(r.ackTs as string)).toHaveLength(2);
    expect(deliveryKeys(ack as NonNullable<typeof ack>)).toEqual([`ack_${TEAM}_${id}`, `announce_owner_${TEAM}_${id}_${Users.consultant}`, `update_${TEAM}_${id}_1`]);
    expect(promisedAt(ack as NonNullable<typeof ack>)).toBe(r.nextUpdateDueAt);
    expect(ack?.edited).toBeDefined();

    // A later update is news of its own: posted below, the acknowledgement left as it is.
    await drive.click(Users.consultant, 'request_still_on_it', id);
    expect(drive.clientThread(ts)).toHaveLength(2);
    expect(edits(r.ackTs as string)).toHaveLength(2);
  });

  it('when the owner claims after the window, then the owner and the ETA are posted as before', async () => {
    const { ts, requestId: id } = await drive.newRequest('Reports are slow');
    await h.advance(LIVING_ACK_WINDOW_MS + MINUTE);
    await claim(id);
    await setEta(id);
    const r = await h.request(id);
    expect(drive.clientThread(ts)).toEqual([expect.stringMatching(say.ack), say.owner, say.eta(when(r.etaAt as number), when(r.nextUpdateDueAt))]);
    expect(edits(r.ackTs as string)).toHaveLength(0);
  });

  it('when the client wrote in the thread first, then the owner is posted below their message, not folded above it', async () => {
    const { ts, requestId: id, client } = await drive.newRequest('VPN drops every hour');
    clock.advance(MINUTE);
    await drive.threadReply(client, ts, 'It happened again just now', 'T0CLIENT');
    clock.advance(MINUTE);
    await claim(id);
    const r = await h.request(id);
    expect(drive.clientThread(ts)).toEqual([expect.stringMatching(say.ack), say.owner]);
    expect(edits(r.ackTs as string)).toHaveLength(0);
  });

  it('when a consultant wrote in the thread after the owner was folded in, then the ETA is posted of its own', async () => {
    const { ts, requestId: id } = await drive.newRequest('Printer queue is stuck');
    await claim(id);
    clock.advance(MINUTE);
    await drive.threadReply(Users.consultant, ts, 'Looking at the print server now.');
    clock.advance(MINUTE);
    await setEta(id);
    const r = await h.request(id);
    expect(drive.clientThread(ts)).toEqual([expect.stringMatching(say.living), say.eta(when(r.etaAt as number), when(r.nextUpdateDueAt))]);
    expect(edits(r.ackTs as string)).toHaveLength(1);
    expect(keyCounts(appMessages(h.slack, Channels.shared, ts)).get(`update_${TEAM}_${id}_1`)).toBe(1);
  });

  it('when Slack refuses the edit for good (the acknowledgement was deleted), then the owner is posted instead, and so is the ETA', async () => {
    const { ts, requestId: id } = await drive.newRequest('Calendar sync broken');
    h.slack.failNext('chat.update', { kind: 'slack_error', error: 'message_not_found' }, 1, (args) => args.channel === Channels.shared);
    await claim(id);
    await setEta(id);
    const r = await h.request(id);
    expect(drive.clientThread(ts)).toEqual([expect.stringMatching(say.ack), say.owner, say.eta(when(r.etaAt as number), when(r.nextUpdateDueAt))]);
    expect(h.slack.callsTo('chat.update', (c) => c.args.channel === Channels.shared && c.args.ts === r.ackTs && c.ok)).toHaveLength(0);
    expect(r.living?.ownerId).toBeUndefined();
    expect([...keyCounts(appMessages(h.slack, Channels.shared, ts)).values()].every((n) => n === 1)).toBe(true);
  });

  it('when Slack fails the edit for a while, then it is tried again: one edited acknowledgement, nothing posted', async () => {
    const { ts, requestId: id } = await drive.newRequest('Mail bounces');
    h.slack.failNext('chat.update', { kind: 'server_error', status: 503 }, 2, (args) => args.channel === Channels.shared);
    await claim(id);
    await h.slack.waitForCall('chat.update', (c) => c.args.channel === Channels.shared && c.ok);
    await h.idle();
    const r = await h.request(id);
    expect(drive.clientThread(ts)).toEqual([expect.stringMatching(say.living)]);
    expect(edits(r.ackTs as string).map((c) => c.ok)).toEqual([false, false, true]);
    expect(posts(ts)).toHaveLength(1);
    expect(keyCounts(appMessages(h.slack, Channels.shared, ts)).get(`announce_owner_${TEAM}_${id}_${Users.consultant}`)).toBe(1);
  });
});
