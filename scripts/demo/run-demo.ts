/**
 * One request's whole life, with the real app against the Slack emulator and a local Redis, on a
 * clock that jumps ahead instead of waiting: request, acknowledgement, claim, ETA, two reminders
 * answered, the missed estimate owned in the update, one update missed and escalated (the client
 * told so), a new estimate, resolved, feedback. Returns the transcript
 * of what the client, the consultant and the team lead saw.
 */
import { type LocalDate, addLocalDays, firstInstantAtOrAfter, isoWeekdayOf, localDateOf } from '../../src/domain/local-time';
import { Channels, Users, tsNow } from '../../test/e2e/harness';
import { messageEvent, reactionAddedEvent, viewInput } from '../../test/support/builders';
import { dmChannelId } from '../../test/support/slack-emulator/fixtures';
import type { RecordedCall } from '../../test/support/slack-emulator';
import type { Language } from '../../src/domain/settings';
import { type DemoStack, startStack } from './stack';
import { type Line, ZONE, answeredOffersOf, audienceOf, buttonsOf, cardSummary, contextOf, dayAndTime, format, newCardSummary, readable } from './transcript';

export interface DemoOptions {
  /** Use this Redis; otherwise a throwaway redis-server is started and stopped. */
  redisUrl?: string;
  write(line: string): void;
  /** The story starts on the Monday after this instant (default: now). */
  from?: number;
  /** The channel's language: what the client and the team read (default: en). */
  lang?: Language;
}

/** What the people in the story say, in the channel's language. */
const WORDS: Record<Language, Record<'request' | 'etaNote' | 'update' | 'reason' | 'need' | 'reply' | 'summary' | 'thanks', string>> = {
  en: {
    request: 'Our export job fails with error 500 since this morning. Can you have a look?',
    etaNote: 'We are checking the export server.',
    update: 'Found it: the disk filled up overnight. Cleaning it up now.',
    reason: 'The vendor has to replace the disk.',
    need: "last night's log files of the export job, to check that nothing else filled the disk.",
    reply: 'Here are the log files from last night.',
    summary: 'The disk was replaced and the exports run again.',
    thanks: 'Thanks for the log files, Maria: they took us straight to the cause.',
  },
  fi: {
    request: 'Vientiajo kaatuu virheeseen 500 tästä aamusta lähtien. Voisitteko katsoa?',
    etaNote: 'Tarkistamme vientipalvelinta.',
    update: 'Syy löytyi: levy täyttyi yön aikana. Siivoamme sitä nyt.',
    reason: 'Toimittajan pitää vaihtaa levy.',
    need: 'vientiajon viime yön lokitiedostot, jotta voimme varmistaa, ettei levyä täyttänyt mikään muu.',
    reply: 'Tässä viime yön lokitiedostot.',
    summary: 'Levy vaihdettiin ja viennit toimivat taas.',
    thanks: 'Kiitos lokitiedostoista, Maria: niiden avulla löysimme syyn suoraan.',
  },
};

export async function runDemo({ redisUrl, write, from = Date.now(), lang = 'en' }: DemoOptions): Promise<{ transcript: string[] }> {
  // The story starts on the coming Monday at 09:00 in Helsinki; `at(1, '13:20')` is Tuesday 13:20.
  const monday = comingMonday(from);
  const at = (day: number, hhmm: string) => firstInstantAtOrAfter(addLocalDays(monday, day), minutesOf(hhmm), ZONE);
  const stack = await startStack({
    redisUrl,
    startAt: at(0, '09:00'),
    clientName: 'Acme',
    env: {
      TRIAGE_CHANNEL: Channels.triage,
      TEAM_LEADS: Users.lead,
      DEFAULT_TIMEZONE: ZONE,
      BUSINESS_HOURS: '09:00-17:00',
      WORKING_DAYS: 'mon-fri',
      DEFAULT_LANGUAGE: lang,
    },
  });
  try {
    const { acted, requestId, ts } = await playStory(stack, at, WORDS[lang]);
    const feedback = (await stack.requestEvents(requestId)).filter((e) => e.type === 'feedback').map((e) => ({ at: e.at, rating: String(e.data?.rating) }));
    const transcript = render(stack, { acted, feedback, requestTs: ts });
    for (const line of transcript) write(line);
    return { transcript };
  } finally {
    await stack.stop();
  }
}

/** Drives the request through its life; returns what the people did (the app's side is recorded by the emulator). */
async function playStory(
  stack: DemoStack,
  at: (day: number, hhmm: string) => number,
  words: (typeof WORDS)[Language],
): Promise<{ acted: Line[]; requestId: string; ts: string }> {
  const { slack, clock } = stack;
  const acted: Line[] = [];
  const does = (who: string, text: string) => acted.push({ at: clock.now(), who, text });
  const eta = (date: string, time: string, note: string) => ({
    eta_date_block: { eta_date: viewInput.date(date) },
    eta_time_block: { eta_time: viewInput.time(time) },
    eta_note_block: { eta_note: viewInput.text(note) },
  });
  /** The last DM to `user` with a button `actionId` (a prompt, in whatever language). */
  const lastDmTo = (user: string, actionId: string) => {
    const call = slack.callsTo('chat.postMessage', (c) => c.args.channel === dmChannelId(user) && JSON.stringify(c.args.blocks ?? []).includes(`"${actionId}"`)).at(-1);
    if (!call) throw new Error(`the demo expected a DM to ${user} with ${actionId}`);
    const { channel, ts } = call.response as { channel: string; ts: string };
    return { channel, ts, text: String(call.args.text) };
  };

  // Monday 09:00: Maria asks in the shared channel.
  const ts = tsNow(clock.now());
  const text = words.request;
  does('client · #acme-support', `Maria: ${text}`);
  await stack.event(messageEvent({ channel: Channels.shared, user: Users.client, user_team: 'T0CLIENT', text, ts }));
  const card = slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.triage && c.args.thread_ts === undefined).at(0);
  const requestId = /R[0-9a-f]+-\d+/.exec(JSON.stringify(card?.args.blocks ?? ''))?.[0];
  if (!requestId) throw new Error('the app posted no request card');

  // 09:04 Aino claims it; 09:07 she estimates today 16:00.
  await stack.advanceTo(at(0, '09:04'));
  does('Aino (consultant)', '→ clicks [Claim] on the card');
  const onCard = { channel: Channels.triage, ts: (card?.response as { ts: string }).ts, text: String(card?.args.text ?? '') };
  await stack.click(Users.consultant, 'request_claim', requestId, onCard);
  await stack.advanceTo(at(0, '09:07'));
  does('Aino (consultant)', `→ [Set ETA]: today 16:00, note "${words.etaNote}"`);
  await stack.submit(Users.consultant, 'eta_modal', requestId, eta(dateOf(at(0, '12:00')), '16:00', words.etaNote));

  // The first update reminder comes at 12:52: nothing new yet, one click.
  await stack.advanceTo(at(0, '12:53'));
  does('Aino (consultant)', '→ clicks [Still on it, no news]');
  await stack.click(Users.consultant, 'request_still_on_it', requestId, lastDmTo(Users.consultant, 'request_still_on_it'));

  // The ETA passes at 16:00 (Aino and Leena are told); the next reminder comes at 16:38 and Aino
  // answers it with a real update. The modal will not post it before she says what became of the
  // estimate: she has no new one yet, and Maria reads that we missed it.
  await stack.advanceTo(at(0, '16:39'));
  const update = words.update;
  const refused = await stack.submit(Users.consultant, 'update_modal', requestId, { update_text_block: { update_text: viewInput.text(update) } });
  const why = Object.values(refused.errors ?? {})[0];
  if (!why) throw new Error('the update modal took an update without a word about the passed estimate');
  does('Aino (consultant)', `→ [Post update]: "${update}"; the modal answers: ${why}`);
  does('Aino (consultant)', '→ ticks "No new estimate yet" and posts it');
  await stack.submit(Users.consultant, 'update_modal', requestId, {
    update_text_block: { update_text: viewInput.text(update) },
    update_no_new_eta_block: { update_no_new_eta: viewInput.checkboxes(['no_new_eta']) },
  });

  // The next update falls due on Tuesday in business hours; nobody answers the reminder, and after
  // the grace period Leena, the team lead, hears of it and Maria reads that we owe her an update.
  // Aino then gives the new estimate, with the reason.
  await stack.advanceTo(at(1, '13:20'));
  does('Aino (consultant)', `→ [Change ETA]: tomorrow 12:00, note "${words.reason}"`);
  await stack.submit(Users.consultant, 'eta_modal', requestId, eta(dateOf(at(2, '12:00')), '12:00', words.reason));

  // 14:00 Aino needs the export's log files from Maria: the client reads what we need, and the
  // reminders pause. 14:40 Maria sends them: she reads that we are back on it, and by when.
  await stack.advanceTo(at(1, '14:00'));
  does('Aino (consultant)', `→ [Waiting on client]: "${words.need}"`);
  await stack.click(Users.consultant, 'request_wait_on_client', requestId, lastDmTo(Users.consultant, 'request_wait_on_client'));
  await stack.submit(Users.consultant, 'wait_modal', requestId, { wait_need_block: { wait_need: viewInput.text(words.need) } });
  await stack.advanceTo(at(1, '14:40'));
  does('client · #acme-support', `Maria, in the thread: ${words.reply}`);
  await stack.event(messageEvent({ channel: Channels.shared, user: Users.client, user_team: 'T0CLIENT', text: words.reply, ts: tsNow(clock.now()), thread_ts: ts }));

  // Resolved that afternoon, ahead of the new estimate, and Maria says thanks with a 👍.
  await stack.advanceTo(at(1, '15:50'));
  const { summary, thanks } = words;
  does('Aino (consultant)', `→ [Resolved], summary "${summary}", thank-you "${thanks}"`);
  await stack.submit(Users.consultant, 'resolve_modal', requestId, {
    resolve_summary_block: { resolve_summary: viewInput.text(summary) },
    resolve_thanks_block: { resolve_thanks: viewInput.text(thanks) },
  });
  const closing = slack.callsTo('chat.postMessage', (c) => c.args.thread_ts === ts && /"delivery_key":"closing_/.test(JSON.stringify(c.args.metadata ?? {}))).at(-1);
  if (!closing) throw new Error('the app posted no closing message');
  await stack.advanceTo(at(1, '15:55'));
  does('client · #acme-support', 'Maria reacts :+1: to the closing message');
  await stack.event(reactionAddedEvent({ user: Users.client, reaction: '+1', channel: Channels.shared, ts: (closing.response as { ts: string }).ts }));

  // The next Monday at 08:00 Leena's weekly digest asks whether to pass the team's thanks on to
  // Acme; she does, with one click, and Maria reads it in the channel.
  await stack.advanceTo(at(7, '08:00'));
  await stack.digest();
  const digest = slack.callsTo('chat.postMessage', (c) => c.args.channel === dmChannelId(Users.lead) && JSON.stringify(c.args.blocks ?? []).includes('"digest_pass_on_thanks"')).at(-1);
  const blocks = (digest?.args.blocks ?? []) as Array<{ accessory?: { action_id?: string; value?: string } }>;
  const offer = blocks.find((b) => b.accessory?.action_id === 'digest_pass_on_thanks')?.accessory?.value;
  if (!digest || !offer) throw new Error('the digest offered no thanks to pass on');
  await stack.advanceTo(at(7, '08:30'));
  does('Leena (team lead)', '→ clicks [Pass on our thanks] for Acme in her digest');
  const { channel, ts: digestTs } = digest.response as { channel: string; ts: string };
  await stack.click(Users.lead, 'digest_pass_on_thanks', offer, { channel, ts: digestTs, text: String(digest.args.text), blocks });
  return { acted, requestId, ts };
}

/** Every message the app posted and every change of the card, with what the people did, in time order. */
function render(stack: DemoStack, story: { acted: Line[]; feedback: Array<{ at: number; rating: string }>; requestTs: string }): string[] {
  const { slack, clock } = stack;
  const posts = slack.callsTo('chat.postMessage');
  const seen = (call: RecordedCall, text: string): Line[] => {
    const who = audienceOf(call);
    return who ? [{ at: clock.demoTimeOf(call.at), who, text }] : [];
  };
  const whose = (call: RecordedCall) => (call.args.timestamp === story.requestTs ? "Maria's message" : 'a message');
  const lines = [
    ...story.acted,
    ...story.feedback.map(({ at, rating }) => ({ at, who: 'Kuittaus · request log', text: `feedback recorded: ${rating}` })),
    ...posts.flatMap((call) => {
      const isCard = call.args.channel === Channels.triage && call.args.thread_ts === undefined;
      const body = isCard ? `card: ${newCardSummary(call.args.blocks)}` : `Kuittaus: ${readable(String(call.args.text))}`;
      const buttons = buttonsOf(call.args.blocks);
      return seen(call, buttons ? `${body}\n${buttons}` : body);
    }),
    ...slack.callsTo('chat.update', (c) => c.args.channel === Channels.triage).flatMap((call) => seen(call, `card updated: ${cardSummary(call.args.blocks)}`)),
    // The acknowledgement lives: the owner and the first estimate, when they come at once, are told in it.
    ...slack
      .callsTo('chat.update', (c) => c.args.channel === Channels.shared)
      .flatMap((call) => seen(call, `Kuittaus edits its acknowledgement: ${readable(String(call.args.text))}`)),
    ...slack
      .callsTo('chat.update', (c) => c.args.channel !== Channels.triage && c.args.channel !== Channels.shared)
      .flatMap((call) => {
        const offers = answeredOffersOf(call.args.blocks);
        return seen(call, offers.length > 0 ? `digest updated: ${offers.join(' · ')}` : `prompt updated, its buttons removed: ${contextOf(call.args.blocks).join(' · ')}`);
      }),
    ...slack.callsTo('reactions.add').flatMap((call) => seen(call, `Kuittaus adds :${String(call.args.name)}: to ${whose(call)}`)),
    ...slack.callsTo('reactions.remove').flatMap((call) => seen(call, `Kuittaus removes :${String(call.args.name)}: from ${whose(call)}`)),
  ];
  const to = (channel: string) => posts.filter((c) => c.args.channel === channel).length;
  const cardUpdates = slack.callsTo('chat.update', (c) => c.args.channel === Channels.triage).length;
  const ackEdits = slack.callsTo('chat.update', (c) => c.args.channel === Channels.shared).length;
  return [
    'Kuittaus demo: one client request from start to finish. The real app runs against a Slack Web',
    'API emulator and Redis, on a clock that jumps ahead (times are Europe/Helsinki, business hours',
    '09:00-17:00 Mon-Fri). Maria is the client at Acme, in the shared channel #acme-support; Aino is',
    'the consultant; Leena is the team lead; the team triages in #triage.',
    '',
    ...format(lines, dayAndTime),
    '',
    `Counts: ${to(Channels.shared)} messages to the client (the acknowledgement edited ${ackEdits} times), ` +
      `${to(dmChannelId(Users.consultant))} DMs to the consultant,`,
    `${to(dmChannelId(Users.lead))} DMs to the team lead (escalations and the weekly digest), ${cardUpdates} updates of the triage card;`,
    `feedback recorded: ${story.feedback.map((f) => f.rating).join(', ') || 'none'}.`,
  ];
}

function comingMonday(now: number): LocalDate {
  let date = addLocalDays(localDateOf(now, ZONE), 1);
  while (isoWeekdayOf(date) !== 1) date = addLocalDays(date, 1);
  return date;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** `YYYY-MM-DD` of the local date at `at`. */
function dateOf(at: number): string {
  const d = localDateOf(at, ZONE);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
