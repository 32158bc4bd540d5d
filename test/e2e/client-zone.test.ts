/**
 * The zone in what people read (issue 14), in English and in Finnish: a client whose clock differs
 * from the channel's (New York, or a zone Slack does not give) reads the zone named once per
 * message, with its first time, in the acknowledgement and in an ETA revision; a client in
 * Helsinki reads no zone at all. Our own people read the channel's zone named only once the
 * channel's zone is not the team's (DEFAULT_TIMEZONE). The clock is pinned. The owner (a default
 * owner) and the first ETA come at once, so the client reads them in the acknowledgement, edited
 * in place: the acknowledgement as posted and as edited each name the zone once.
 */
import type { Language } from '../../src/domain/settings';
import { viewInput, viewSubmission } from '../support/builders';
import { Channels, type Harness, PinnedClock, Users, startHarness } from './harness';
import { lifecycleDriver } from './support/lifecycle-driver';

/** Monday 30 November 2026, 10:00 in Helsinki (the harness keeps every hour open). */
const MONDAY_10 = Date.parse('2026-11-30T10:00:00+02:00');

const TEXTS = {
  en: {
    zone: 'Helsinki time',
    ack: (name: string, time: string) => `Thanks, ${name} — we've received your request and we're on it. You'll get the next update by ${time}.`,
    owner: (name: string, time: string) => `Thanks, ${name} — we've received your request. Aino from our team is on it. You'll get the next update by ${time}.`,
    ownerEta: (name: string, eta: string, next: string) =>
      `Thanks, ${name} — we've received your request. Aino from our team is on it; estimated resolution ${eta}. You'll get the next update by ${next}.`,
    revised: (eta: string, was: string, next: string) => `New estimated resolution: ${eta} (was ${was}).\nReason: The vendor needs another day\nNext update by ${next}.`,
  },
  fi: {
    zone: 'Suomen aikaa',
    ack: (name: string, time: string) => `Kiitos, ${name} – pyyntösi on vastaanotettu ja asia on työn alla. Kerromme tilanteesta viimeistään ${time}.`,
    owner: (name: string, time: string) => `Kiitos, ${name} – pyyntösi on vastaanotettu. Asiaasi hoitaa tiimistämme Aino. Kerromme tilanteesta viimeistään ${time}.`,
    ownerEta: (name: string, eta: string, next: string) =>
      `Kiitos, ${name} – pyyntösi on vastaanotettu. Asiaasi hoitaa tiimistämme Aino. Arvioitu ratkaisuaika: ${eta}. Kerromme tilanteesta viimeistään ${next}.`,
    revised: (eta: string, was: string, next: string) => `Uusi arvioitu valmistuminen: ${eta} (aiemmin ${was}).\nSyy: The vendor needs another day\nSeuraava päivitys viimeistään ${next}.`,
  },
} as const;

/** The times of the flow below as each language writes them, with and without the zone. */
const TIMES = {
  en: { ackZoned: '11:00 Helsinki time today', today: '11:00 today', eta: '14:00 today', etaZoned: '14:00 Helsinki time today', next: '14:00 today', revised: '12:00 tomorrow', revisedZoned: '12:00 Helsinki time tomorrow' },
  fi: { ackZoned: 'tänään klo 11.00 Suomen aikaa', today: 'tänään klo 11.00', eta: 'tänään klo 14.00', etaZoned: 'tänään klo 14.00 Suomen aikaa', next: 'tänään klo 14.00', revised: 'huomenna klo 12.00', revisedZoned: 'huomenna klo 12.00 Suomen aikaa' },
} as const;

describe.each(['en', 'fi'] as const)('in %s', (lang: Language) => {
  const say = TEXTS[lang];
  const at = TIMES[lang];
  const clock = new PinnedClock(MONDAY_10);
  let h: Harness;
  let drive: ReturnType<typeof lifecycleDriver>;

  beforeAll(async () => {
    h = await startHarness({ name: `client-zone-${lang}`, clock, env: { DEFAULT_LANGUAGE: lang, DEFAULT_OWNERS: Users.consultant, TEAM_LEADS: Users.lead } });
    drive = lifecycleDriver(h);
  });
  afterAll(() => h.stop());

  /** A request, its ETA set (in 4 h) and then revised to tomorrow at 12:00 with a reason: the client's thread, and what was posted first. */
  async function etaRevisedFor(client: string, what: string): Promise<{ thread: string[]; first: string | undefined }> {
    const { ts, requestId } = await drive.newRequest(what, client);
    await drive.submit(Users.consultant, 'eta_modal', requestId, { eta_quick_pick_block: { eta_quick_pick: viewInput.staticSelect('in_4h') } });
    await drive.submit(Users.consultant, 'eta_modal', requestId, {
      eta_date_block: { eta_date: viewInput.date('2026-12-01') },
      eta_time_block: { eta_time: viewInput.time('12:00') },
      eta_note_block: { eta_note: viewInput.text('The vendor needs another day') },
    });
    return { thread: drive.clientThread(ts), first: drive.clientPosts(ts)[0] };
  }

  it('when a client in New York writes, then the acknowledgement, the ETA and its revision each name the zone once, with their first time', async () => {
    const { thread, first } = await etaRevisedFor(h.newClient('John Smith', { tz: 'America/New_York' }), `Invoices are missing (${lang}, New York)`);
    expect(first).toBe(say.ack('John', at.ackZoned));
    expect(thread).toEqual([say.ownerEta('John', at.etaZoned, at.next), say.revised(at.revisedZoned, at.eta, at.next)]);
    for (const text of [first as string, ...thread]) expect(text.split(say.zone)).toHaveLength(2);
    expect(thread.join('\n')).not.toContain('(Helsin');
  });

  it('when a client in Helsinki writes, then no message names the zone', async () => {
    const { thread, first } = await etaRevisedFor(h.newClient('Maria Virtanen'), `Invoices are late (${lang}, Helsinki)`);
    expect(first).toBe(say.ack('Maria', at.today));
    expect(thread).toEqual([say.ownerEta('Maria', at.eta, at.next), say.revised(at.revised, at.eta, at.next)]);
    expect(thread.join('\n')).not.toContain(say.zone);
  });

  it('when Slack gives no zone for the client, then the acknowledgement names ours once', async () => {
    const { ts } = await drive.newRequest(`Reports are empty (${lang}, no zone)`, h.newClient('Kim Kuusi', { tz: null }));
    expect(drive.clientPosts(ts)[0]).toBe(say.ack('Kim', at.ackZoned));
    expect(drive.clientThread(ts)).toEqual([say.owner('Kim', at.ackZoned)]);
  });

  it("when the channel's zone is not the team's, then the owner's reminder names it once, and so does the Helsinki client's acknowledgement", async () => {
    await channelZone(h, 'Europe/London', lang);
    const london = lang === 'en' ? 'London time' : 'Lontoon aikaa';
    const { ts, requestId } = await drive.newRequest(`Exports stall (${lang}, London channel)`, h.newClient('Maria Virtanen'));
    const due = (await h.request(requestId)).nextUpdateDueAt;
    // 11:00 in Helsinki is 09:00 in London: named in the acknowledgement as posted, and as edited to name the owner.
    const time = lang === 'en' ? `09:00 ${london} today` : `tänään klo 9.00 ${london}`;
    expect(drive.clientPosts(ts)[0]).toBe(say.ack('Maria', time));
    expect(drive.clientThread(ts)).toEqual([say.owner('Maria', time)]);
    await h.advance(due - clock.now());
    const reminder = String(drive.lastDm(Users.consultant, lang === 'en' ? /^Update due at / : /^Tilannepäivitys asiakkaalle /).args.text);
    expect(reminder).toContain(lang === 'en' ? `Update due at 09:00 ${london} today for ` : `viimeistään tänään klo 9.00 ${london}:`);
    expect(reminder.split(london)).toHaveLength(2);
  });
});

/** Sets the shared channel's zone (and language) through /status settings, as a team lead would. */
async function channelZone(h: Harness, timezone: string, lang: Language): Promise<void> {
  const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
  const values = {
    settings_language: { language: viewInput.staticSelect(lang) },
    settings_timezone: { timezone: viewInput.text(timezone) },
    settings_opens: { opens: viewInput.time('00:00') },
    settings_closes: { closes: viewInput.time('00:00') },
    settings_workingDays: { workingDays: { type: 'checkboxes', selected_options: ['1', '2', '3', '4', '5', '6', '7'].map(option) } },
    settings_cadenceUrgent: { cadenceUrgent: { type: 'number_input', value: '60' } },
    settings_cadenceNormal: { cadenceNormal: { type: 'number_input', value: '240' } },
    settings_firstUpdate: { firstUpdate: { type: 'number_input', value: '60' } },
    settings_grace: { grace: { type: 'number_input', value: '30' } },
    settings_triageChannelId: { triageChannelId: viewInput.conversation(Channels.triage) },
    settings_defaultOwnerIds: { defaultOwnerIds: viewInput.users([Users.consultant]) },
    settings_teamLeadIds: { teamLeadIds: viewInput.users([Users.lead]) },
    settings_toggles: { toggles: { type: 'checkboxes', selected_options: ['autoAcknowledge', 'pleasantryFilter', 'holdingLine'].map(option) } },
  };
  const res = await h.send.interaction(viewSubmission({ user: Users.lead, callbackId: 'settings_modal', values, privateMetadata: JSON.stringify({ channelId: Channels.shared }) }));
  await h.idle();
  expect(res.body ? JSON.parse(res.body) : {}).toEqual({});
}
