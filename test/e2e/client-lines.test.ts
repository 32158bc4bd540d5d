/**
 * What the client hears besides the owner's own updates (issue 14), in English and in Finnish:
 * a missed estimate owned openly ([Post update] asks for a new ETA or "no new estimate yet", the
 * revision says we missed it), the holding line when a promised update is overdue past its grace
 * period, and a wait on the client told to them (what we need, a gentle reminder, the owner told,
 * "back on it"). Time moves with a pinned clock; due timers are promoted, never slept on.
 */
import type { TrackedRequest } from '../../src/domain/request';
import { nudgeAt } from '../../src/domain/client-lines';
import type { Language } from '../../src/domain/settings';
import { formatDueTime, t } from '../../src/i18n';
import { slashCommand, viewInput, viewSubmission } from '../support/builders';
import { Channels, type Harness, PinnedClock, Users, startHarness } from './harness';
import { dm, lifecycleDriver } from './support/lifecycle-driver';

const MINUTE = 60_000;
/** Monday 30 November 2026, 09:00 in Helsinki: business hours 09:00–17:00, Monday to Friday. */
const MONDAY_9 = Date.parse('2026-11-30T09:00:00+02:00');
const HOURS = { timezone: 'Europe/Helsinki', workingDays: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1020, holidays: [] };

const TEXTS = {
  en: {
    passedInModal: (eta: string) => `Your estimate of ${eta} has passed`,
    needsEta: 'The estimate has passed: give a new ETA, or tick "No new estimate yet".',
    missedNone: (missed: string) => `We missed our estimate of ${missed}. We don't have a new one yet; we'll give you one by the next update.`,
    missedNew: (missed: string, eta: string) => `We missed our estimate of ${missed}; we now expect it by ${eta}.`,
    missedBecause: (missed: string, eta: string, reason: string) => `We missed our estimate of ${missed}; we now expect it by ${eta}, because ${reason}.`,
    next: (time: string) => `Next update by ${time}.`,
    holding: (time: string) => `We owe you an update — Aino has been reminded, and you'll hear from us by ${time}.`,
    ask: (need: string) => `To move on, we need from you: ${need}`,
    nudge: (need: string) => `A gentle reminder, Maria: to move on, we still need from you: ${need}`,
    silent: (need: string) => `has not answered in 4 working days. We asked for: ${need}`,
    back: (time: string) => `Thanks — we're back on it; next update by ${time}.`,
    waitEmpty: 'Say what we need from the client.',
    reason: 'the vendor needs another day',
    need: 'The export log of last night',
  },
  fi: {
    passedInModal: (eta: string) => `Arvioimasi ratkaisuaika ${eta} on mennyt`,
    needsEta: 'Arvio on mennyt: anna uusi arvio tai valitse ”Ei vielä uutta arviota”.',
    missedNone: (missed: string) => `Arviomme ${missed} ei pitänyt. Uutta arviota meillä ei vielä ole, mutta kerromme sen viimeistään seuraavassa päivityksessä.`,
    missedNew: (missed: string, eta: string) => `Arviomme ${missed} ei pitänyt. Arvioimme nyt asian ratkeavan ${eta} mennessä.`,
    missedBecause: (missed: string, eta: string, reason: string) =>
      `Arviomme ${missed} ei pitänyt. Arvioimme nyt asian ratkeavan ${eta} mennessä, koska ${reason}.`,
    next: (time: string) => `Seuraava päivitys viimeistään ${time}.`,
    holding: (time: string) => `Lupaamamme tilannepäivitys on myöhässä. Vastuuhenkilömme Aino on saanut muistutuksen ja kuulet meistä viimeistään ${time}.`,
    ask: (need: string) => `Jotta pääsemme eteenpäin, tarvitsemme sinulta: ${need}`,
    nudge: (need: string) => `Ystävällinen muistutus, Maria: jotta pääsemme eteenpäin, tarvitsemme sinulta vielä: ${need}`,
    silent: (need: string) => `ei ole vastannut, vaikka olemme odottaneet jo 4 työpäivää. Pyysimme: ${need}`,
    back: (time: string) => `Kiitos! Jatkamme asian parissa ja kerromme tilanteesta viimeistään ${time}.`,
    waitEmpty: 'Kerro, mitä tarvitsemme asiakkaalta.',
    reason: 'toimittaja tarvitsee vielä päivän',
    need: 'Eilisillan vientiloki',
  },
} as const;

describe.each(['en', 'fi'] as const)('in %s', (lang: Language) => {
  const say = TEXTS[lang];
  const clock = new PinnedClock(MONDAY_9);
  let h: Harness;
  let drive: ReturnType<typeof lifecycleDriver>;

  beforeAll(async () => {
    h = await startHarness({
      name: `client-lines-${lang}`,
      clock,
      env: { DEFAULT_LANGUAGE: lang, DEFAULT_OWNERS: Users.consultant, TEAM_LEADS: Users.lead, BUSINESS_HOURS: '09:00-17:00', WORKING_DAYS: 'mon-fri' },
    });
    drive = lifecycleDriver(h);
  });
  afterAll(() => h.stop());

  const when = (at: number) => formatDueTime(at, clock.now(), 'Europe/Helsinki', lang, { zone: false });
  const request = (id: string): Promise<TrackedRequest> => h.request(id);
  const prompt = (n: number) => ({ channel: dm(Users.consultant), ts: `1.00000${n}` });
  const text = (value: string) => ({ update_text_block: { update_text: viewInput.text(value) } });
  /** A new request (assigned to Aino) whose ETA, one business hour ahead, has just passed. */
  async function withPassedEta(what: string) {
    const created = await drive.newRequest(what);
    await drive.submit(Users.consultant, 'eta_modal', created.requestId, { eta_quick_pick_block: { eta_quick_pick: viewInput.staticSelect('in_1h') } });
    const { etaAt } = await request(created.requestId);
    await h.advance((etaAt as number) - clock.now() + MINUTE);
    return { ...created, missedEta: etaAt as number };
  }

  it('when the ETA has passed, then [Post update] says so and needs a new ETA or "no new estimate yet"; with none, the client reads that we missed it', async () => {
    const { ts, requestId, missedEta } = await withPassedEta(`Exports fail (${lang})`);
    await drive.click(Users.consultant, 'request_post_update', requestId, prompt(1));
    const modal = JSON.stringify(drive.lastModal().blocks);
    expect(modal).toContain(say.passedInModal(when(missedEta)));
    expect(modal).toContain('update_no_new_eta_block');

    const before = drive.clientThread(ts).length;
    const refused = await drive.submit(Users.consultant, 'update_modal', requestId, text('Found the cause, fixing it now.'));
    expect(refused).toMatchObject({ response_action: 'errors', errors: { eta_quick_pick_block: say.needsEta } });
    expect(drive.clientThread(ts)).toHaveLength(before);

    await drive.submit(Users.consultant, 'update_modal', requestId, {
      ...text('Found the cause, fixing it now.'),
      update_no_new_eta_block: { update_no_new_eta: viewInput.checkboxes(['no_new_eta']) },
    });
    const after = await request(requestId);
    expect(drive.clientThread(ts).at(-1)).toBe(`Found the cause, fixing it now.\n${say.missedNone(when(missedEta))}\n${say.next(when(after.nextUpdateDueAt))}`);
    expect(after.etaAt).toBeUndefined();
    const posted = (await h.store.events('T0HOST', requestId)).filter((e) => e.type === 'update_posted').at(-1);
    expect(posted?.data).toMatchObject({ missedEta, previousEtaAt: missedEta });
  });

  it('when the ETA has passed and the owner answers [Still on it, no news], then the client reads that we missed it too, and the missed estimate stays flagged until a new one', async () => {
    const { ts, requestId, missedEta } = await withPassedEta(`Backups are late (${lang})`);
    await drive.click(Users.consultant, 'request_still_on_it', requestId, prompt(5));
    const after = await request(requestId);
    expect(drive.clientThread(ts).at(-1)).toBe(`${t(lang, 'client.stillOnIt')}\n${say.missedNone(when(missedEta))}\n${say.next(when(after.nextUpdateDueAt))}`);
    expect(after).toMatchObject({ etaAt: missedEta, etaMissFlaggedFor: missedEta });
    const posted = (await h.store.events('T0HOST', requestId)).filter((e) => e.type === 'update_posted').at(-1);
    expect(posted?.data).toMatchObject({ kind: 'still_on_it', missedEta });
  });

  it('when the ETA has passed and the update brings a new one, then the client reads the missed and the new estimate in one sentence', async () => {
    const { ts, requestId, missedEta } = await withPassedEta(`Reports are empty (${lang})`);
    await drive.submit(Users.consultant, 'update_modal', requestId, { ...text('Reports run again tonight.'), eta_quick_pick_block: { eta_quick_pick: viewInput.staticSelect('tomorrow') } });
    const after = await request(requestId);
    expect(drive.clientThread(ts).at(-1)).toBe(
      `Reports run again tonight.\n${say.missedNew(when(missedEta), when(after.etaAt as number))}\n${say.next(when(after.nextUpdateDueAt))}`,
    );
    expect(after).toMatchObject({ etaSlips: 1 });
  });

  it('when the ETA has passed and the owner revises it with a reason, then the client reads "we missed …; we now expect … because …", without nested parentheses', async () => {
    const { ts, requestId, missedEta } = await withPassedEta(`The VPN drops (${lang})`);
    await drive.click(Users.consultant, 'request_set_eta', requestId, prompt(2));
    expect(JSON.stringify(drive.lastModal().blocks)).toContain(JSON.stringify(t(lang, 'modal.eta.reasonHint')).slice(1, -1));
    await drive.submit(Users.consultant, 'eta_modal', requestId, {
      eta_quick_pick_block: { eta_quick_pick: viewInput.staticSelect('tomorrow') },
      eta_note_block: { eta_note: viewInput.text(`${say.reason}.`) },
    });
    const after = await request(requestId);
    const line = drive.clientThread(ts).at(-1) as string;
    expect(line).toBe(`${say.missedBecause(when(missedEta), when(after.etaAt as number), say.reason)}\n${say.next(when(after.nextUpdateDueAt))}`);
    expect(line).not.toMatch(/\([^)]*\(/);
  });

  it('when an update before the ETA passed brings none, then the modal neither warns nor insists', async () => {
    const { ts, requestId } = await drive.newRequest(`Slow search (${lang})`);
    await drive.submit(Users.consultant, 'eta_modal', requestId, { eta_quick_pick_block: { eta_quick_pick: viewInput.staticSelect('tomorrow') } });
    await drive.click(Users.consultant, 'request_post_update', requestId, prompt(3));
    expect(JSON.stringify(drive.lastModal().blocks)).not.toContain('update_no_new_eta_block');
    const res = await drive.submit(Users.consultant, 'update_modal', requestId, text('Indexing is half done.'));
    expect(res.response_action).toBeUndefined();
    expect(drive.clientThread(ts).at(-1)).toMatch(/^Indexing is half done\.\n[^\n]+$/);
  });

  it('when a promised update passes its grace period, then the client reads one holding line promising the due time the request now records, and the team lead is escalated', async () => {
    const { ts, requestId } = await drive.newRequest(`Invoices missing (${lang})`);
    const { nextUpdateDueAt: missedDue } = await request(requestId);
    const about = (c: { args: Record<string, unknown> }) => String(c.args.text).includes('Invoices missing');
    const leadDms = () => drive.dmsTo(Users.lead).filter(about).length;
    const holdingPrefix = say.holding('\u0000').split('\u0000')[0] as string;
    const holdingLines = () => drive.clientThread(ts).filter((line) => line.startsWith(holdingPrefix));
    const leadsBefore = leadDms();

    await h.advance(missedDue + 31 * MINUTE - clock.now());
    const after = await request(requestId);
    expect(after.escalatedFor).toBe(missedDue);
    expect(after.nextUpdateDueAt).toBeGreaterThan(clock.now());
    expect(drive.clientThread(ts).at(-1)).toBe(say.holding(when(after.nextUpdateDueAt)));
    expect(leadDms()).toBe(leadsBefore + 1);
    const card = h.slack.callsTo('chat.update', (c) => c.args.channel === Channels.triage).at(-1);
    expect(JSON.stringify(card?.args.blocks)).toContain(t(lang, 'card.overdue'));
    // The team still sees the debt: `/status overdue` lists it, although the client has a new promise.
    const overdue = await h.send.command(slashCommand({ user_id: Users.lead, channel_id: Channels.internal, text: 'overdue', response_url: h.slack.responseUrl() }));
    expect(overdue.body).toContain(`Invoices missing (${lang})`);

    // Never twice for the same missed due time, however often the timers are planned again.
    await h.advance(5 * MINUTE);
    expect(holdingLines()).toHaveLength(1);

    // The promise is kept like any other: reminded before it, escalated (and told) when it passes too.
    const reminders = drive.dmsTo(Users.consultant).filter(about).length;
    await h.advance(after.nextUpdateDueAt - clock.now());
    await h.advance(31 * MINUTE);
    expect(drive.dmsTo(Users.consultant).filter(about).length).toBe(reminders + 1);
    expect(holdingLines()).toHaveLength(2);
    expect(leadDms()).toBe(leadsBefore + 2);

    // A real update pays the debt: the card no longer says overdue.
    await drive.click(Users.consultant, 'request_still_on_it', requestId, prompt(4));
    const paid = h.slack.callsTo('chat.update', (c) => c.args.channel === Channels.triage).at(-1);
    expect(JSON.stringify(paid?.args.blocks)).not.toContain(t(lang, 'card.overdue'));
  });

  it('when the owner waits on the client, then the client is told what we need, reminded after two working days, the owner told after two more, and told "back on it" when they answer', async () => {
    const { ts, requestId, client } = await drive.newRequest(`Cannot log in (${lang})`);
    await drive.click(Users.consultant, 'request_wait_on_client', requestId, prompt(5));
    expect(drive.lastModal().callback_id).toBe('wait_modal');
    const empty = await drive.submit(Users.consultant, 'wait_modal', requestId, { wait_need_block: { wait_need: viewInput.text('  ') } });
    expect(empty).toMatchObject({ response_action: 'errors', errors: { wait_need_block: say.waitEmpty } });

    await drive.submit(Users.consultant, 'wait_modal', requestId, { wait_need_block: { wait_need: viewInput.text(say.need) } });
    expect(drive.clientThread(ts).at(-1)).toBe(say.ask(say.need));
    const { waitingSince } = await request(requestId);
    const clientNudge = nudgeAt(waitingSince as number, 2, 'client', HOURS) as number;
    const ownerNudge = nudgeAt(waitingSince as number, 2, 'owner', HOURS) as number;

    await h.advance(clientNudge - MINUTE - clock.now());
    expect(drive.clientThread(ts).at(-1)).toBe(say.ask(say.need));
    await h.advance(MINUTE);
    expect(drive.clientThread(ts).at(-1)).toBe(say.nudge(say.need));

    const silent = () => drive.dmsTo(Users.consultant).filter((c) => String(c.args.text).includes(say.silent(say.need)));
    await h.advance(ownerNudge - MINUTE - clock.now());
    expect(silent()).toHaveLength(0);
    await h.advance(MINUTE);
    expect(silent()).toHaveLength(1);
    expect(JSON.stringify(silent()[0]?.args.blocks)).toContain('request_post_update');
    expect(drive.clientThread(ts).filter((line) => line === say.nudge(say.need))).toHaveLength(1);

    await drive.threadReply(client, ts, 'Here it is', 'T0CLIENT');
    const after = await request(requestId);
    expect(after.state).toBe('in_progress');
    expect(drive.clientThread(ts).at(-1)).toBe(say.back(when(after.nextUpdateDueAt)));
  });

  it('when [Waiting on client] is pressed on a request that already waits, then no modal opens and the owner is told why', async () => {
    const { requestId } = await drive.newRequest(`Fonts missing (${lang})`);
    await drive.submit(Users.consultant, 'wait_modal', requestId, { wait_need_block: { wait_need: viewInput.text(say.need) } });
    const modals = h.slack.callsTo('views.open').length;
    await drive.click(Users.consultant, 'request_wait_on_client', requestId, prompt(6));
    expect(h.slack.callsTo('views.open')).toHaveLength(modals);
    const told = h.slack.callsTo('chat.postEphemeral', (c) => c.args.user === Users.consultant).at(-1);
    expect(String(told?.args.text)).toBe(t(lang, 'request.alreadyWaiting'));
  });

  it('when a team lead turns the holding line off for the channel, then an overdue update is escalated but the client reads nothing', async () => {
    await settings(h, { holdingLine: false, lang });
    const { ts, requestId } = await drive.newRequest(`Old invoices (${lang})`);
    const { nextUpdateDueAt } = await request(requestId);
    const about = (c: { args: Record<string, unknown> }) => String(c.args.text).includes('Old invoices');
    const leads = drive.dmsTo(Users.lead).filter(about).length;
    const before = drive.clientThread(ts);
    await h.advance(nextUpdateDueAt + 31 * MINUTE - clock.now());
    expect(drive.dmsTo(Users.lead).filter(about).length).toBe(leads + 1);
    expect(drive.clientThread(ts)).toEqual(before);
    expect((await request(requestId)).nextUpdateDueAt).toBe(nextUpdateDueAt);
  });
});

/** Saves the channel's settings through the settings modal, as a team lead would. */
async function settings(h: Harness, { holdingLine, lang }: { holdingLine: boolean; lang: Language }) {
  const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
  const toggles = ['autoAcknowledge', 'pleasantryFilter', ...(holdingLine ? ['holdingLine'] : [])];
  const values = {
    settings_language: { language: viewInput.staticSelect(lang) },
    settings_timezone: { timezone: viewInput.text('Europe/Helsinki') },
    settings_opens: { opens: viewInput.time('09:00') },
    settings_closes: { closes: viewInput.time('17:00') },
    settings_workingDays: { workingDays: { type: 'checkboxes', selected_options: ['1', '2', '3', '4', '5'].map(option) } },
    settings_cadenceUrgent: { cadenceUrgent: { type: 'number_input', value: '60' } },
    settings_cadenceNormal: { cadenceNormal: { type: 'number_input', value: '240' } },
    settings_firstUpdate: { firstUpdate: { type: 'number_input', value: '60' } },
    settings_grace: { grace: { type: 'number_input', value: '30' } },
    settings_triageChannelId: { triageChannelId: viewInput.conversation(Channels.triage) },
    settings_defaultOwnerIds: { defaultOwnerIds: viewInput.users([Users.consultant]) },
    settings_teamLeadIds: { teamLeadIds: viewInput.users([Users.lead]) },
    settings_toggles: { toggles: { type: 'checkboxes', selected_options: toggles.map(option) } },
  };
  const res = await h.send.interaction(viewSubmission({ user: Users.lead, callbackId: 'settings_modal', values, privateMetadata: JSON.stringify({ channelId: Channels.shared }) }));
  await h.idle();
  expect(res.body ? JSON.parse(res.body) : {}).toEqual({});
}
