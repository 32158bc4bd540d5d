import type { TrackedRequest } from '../../../src/domain/request';
import type { Language } from '../../../src/domain/settings';
import {
  answeredPrompt,
  askEtaMessage,
  clientWroteMessage,
  escalationMessage,
  etaMissedLeadMessage,
  etaMissedMessage,
  onTrackMessage,
  reminderMessage,
  reopenOfferMessage,
  triageReminderMessage,
} from '../../../src/slack/blocks/owner-prompts';
import { ActionId, BlockId } from '../../../src/slack/ids';

const T0 = Date.UTC(2026, 10, 23, 10, 0);
const base: TrackedRequest = {
  id: 'R00000007',
  teamId: 'T0HOST',
  channelId: 'C0SHARED',
  ts: '1700000000.000100',
  joinedTs: [],
  clientUserId: 'U0CLIENT',
  clientName: 'Maria',
  excerpt: 'Our export job fails with error 500',
  priority: 'normal',
  state: 'in_progress',
  trigger: 'auto',
  createdAt: T0,
  nextUpdateDueAt: T0 + 3_600_000,
  ownerId: 'U0AINO',
  revision: 3,
  updateCount: 1,
};
const LINK = '<https://acme.slack.com/archives/C0SHARED/p1700000000000100|“Our export job fails with error 500”>';
const CLIENT = 'Acme Oy (<@U0CLIENT>)';
const THREAD = 'https://acme.slack.com/archives/C0SHARED/p1700000000000100?thread_ts=1700000000.000100';
const HOSTILE = '<!channel> @here <@U123> <!subteam^S1> & < >';

type Message = { text: string; blocks: unknown[] };
type Button = { type: string; action_id: string; text: { type: string; text: string }; value: string; style?: string };
type Over = { request?: Partial<TrackedRequest>; language?: Language; clientLabel?: string | undefined };

const input = (over: Over = {}) => ({
  request: { ...base, ...over.request },
  language: over.language ?? 'en',
  workspaceUrl: 'https://acme.slack.com/',
  clientLabel: 'clientLabel' in over ? over.clientLabel : 'Acme Oy',
});

/** Every builder with the extra parameters it needs, so that shared rules run over all of them. */
const builders: Array<[string, (over?: Over) => Message]> = [
  ['askEtaMessage', (o) => askEtaMessage(input(o))],
  ['reminderMessage', (o) => reminderMessage({ ...input(o), dueTime: '14:00 today (Helsinki time)' })],
  ['triageReminderMessage', (o) => triageReminderMessage({ ...input(o), dueTime: '14:00 today (Helsinki time)' })],
  ['onTrackMessage', (o) => onTrackMessage({ ...input(o), eta: '16:00 tomorrow (Helsinki time)' })],
  ['etaMissedMessage', (o) => etaMissedMessage({ ...input(o), eta: '16:00 today (Helsinki time)' })],
  ['etaMissedLeadMessage', (o) => etaMissedLeadMessage({ ...input(o), eta: '16:00 today (Helsinki time)' })],
  ['escalationMessage', (o) => escalationMessage({ ...input(o), dueTime: '14:00 today (Helsinki time)' })],
  ['clientWroteMessage', (o) => clientWroteMessage({ ...input(o), threadUrl: THREAD })],
  ['reopenOfferMessage', (o) => reopenOfferMessage({ ...input(o), resolved: 'on Monday at 14:00', threadUrl: THREAD })],
];

const buttonsOf = (m: Message): Button[] =>
  m.blocks
    .filter((b): b is { type: 'actions'; elements: Button[] } => (b as { type: string }).type === 'actions')
    .flatMap((b) => b.elements);
const buttonsBrief = (m: Message) => buttonsOf(m).map((b) => [b.action_id, b.text.text, b.style ?? null]);

/** Block Kit limits a message must respect; returns what breaks them. */
function blockKitProblems(m: Message): string[] {
  const problems: string[] = [];
  if (m.blocks.length > 50) problems.push(`${m.blocks.length} blocks`);
  for (const block of m.blocks as Array<{ type: string; block_id?: string; text?: { text: string }; elements?: Array<Record<string, unknown>> }>) {
    if (block.text && block.text.text.length > 3000) problems.push(`section of ${block.text.text.length} chars`);
    if (block.block_id && block.block_id.length > 255) problems.push('long block_id');
    if (block.type === 'actions' && (block.elements ?? []).length > 25) problems.push('over 25 elements');
    for (const e of block.elements ?? []) {
      if (e.type === 'button') {
        const b = e as unknown as Button;
        if (b.text.type !== 'plain_text') problems.push(`button text of type ${b.text.type}`);
        if (b.text.text.length > 75) problems.push(`button text of ${b.text.text.length} chars`);
        if (b.value.length > 2000) problems.push('long button value');
        if (b.action_id.length > 255) problems.push('long action_id');
      }
      if (e.type === 'mrkdwn' && (e.text as string).length > 3000) problems.push('long context');
    }
  }
  return problems;
}

function expectNoPings(m: Message): void {
  const json = JSON.stringify(m);
  for (const raw of ['<!channel>', '<!here>', '<!subteam', '<@U123>', '@here', ' & ', '< >']) expect(json).not.toContain(raw);
  expect(json).toContain('@\u2060here');
  expect(json).toContain('&lt;!channel&gt;');
  expect(json).toContain('&lt;!subteam^S1&gt;');
}

describe('owner prompts', () => {
  it.each<[string, (over?: Over) => Message, string]>([
    [
      'the ETA question',
      builders[0]![1],
      `You own a request from ${CLIENT}: ${LINK}\nWhen do you expect to resolve it? The client will see your estimate.`,
    ],
    ['the update reminder', builders[1]![1], `Update due at 14:00 today (Helsinki time) for ${CLIENT}: ${LINK}`],
    [
      'the triage reminder',
      builders[2]![1],
      `Update due at 14:00 today (Helsinki time) for ${CLIENT}, and nobody owns this request yet: ${LINK}`,
    ],
    ['"On track?"', builders[3]![1], `On track? You estimated 16:00 tomorrow (Helsinki time) for ${CLIENT}: ${LINK}`],
    [
      'the missed ETA',
      builders[4]![1],
      `Your estimate for ${CLIENT} (16:00 today (Helsinki time)) has passed and the request is still open. Please give the client a new estimate: ${LINK}`,
    ],
    ['the missed ETA for a lead', builders[5]![1], `ETA missed: <@U0AINO> estimated 16:00 today (Helsinki time) for ${CLIENT}: ${LINK}`],
    ['the escalation', builders[6]![1], `Update overdue: it was due at 14:00 today (Helsinki time) for ${CLIENT}, owner <@U0AINO>: ${LINK}`],
    ['the client-wrote notice', builders[7]![1], `${CLIENT} wrote in the thread of their request: ${LINK}\n<${THREAD}|Open thread>`],
    [
      'the reopen offer',
      builders[8]![1],
      `${CLIENT} wrote in the thread of a request that was resolved on Monday at 14:00. Reopen it?\n${LINK} · <${THREAD}|Open thread>`,
    ],
  ])('when %s is built in English, then the text names client and message and the first block repeats it', (_label, build, expected) => {
    const m = build();
    expect(m.text).toBe(expected);
    expect(m.blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: expected } });
  });

  const UPDATE_BUTTONS = [
    [ActionId.PostUpdate, 'Post update', 'primary'],
    [ActionId.StillOnIt, 'Still on it, no news', null],
    [ActionId.SetEta, 'Change ETA', null],
    [ActionId.WaitOnClient, 'Waiting on client', null],
    [ActionId.Resolve, 'Resolved', null],
  ];
  it.each<[string, Message, Array<[string, string, string | null]>]>([
    ['the ETA question', builders[0]![1](), [[ActionId.SetEta, 'Set ETA', 'primary']]],
    ['the update reminder', builders[1]![1](), UPDATE_BUTTONS as Array<[string, string, string | null]>],
    ['the triage reminder', builders[2]![1]({ request: { ownerId: undefined, state: 'open' } }), [[ActionId.Claim, 'Claim', 'primary']]],
    [
      '"On track?"',
      builders[3]![1](),
      [
        [ActionId.OnTrackYes, 'Yes', 'primary'],
        [ActionId.SetEta, 'Revise ETA', null],
        [ActionId.Resolve, 'Resolved', null],
      ],
    ],
    [
      'the missed ETA',
      builders[4]![1](),
      [
        [ActionId.SetEta, 'Revise ETA', 'primary'],
        [ActionId.Resolve, 'Resolved', null],
      ],
    ],
    ['the missed ETA for a lead', builders[5]![1](), []],
    ['the escalation of an owned request', builders[6]![1](), []],
    ['the escalation of an unowned request', builders[6]![1]({ request: { ownerId: undefined, state: 'open' } }), [[ActionId.Assign, 'Assign…', null]]],
    ['the client-wrote notice', builders[7]![1](), UPDATE_BUTTONS as Array<[string, string, string | null]>],
    [
      'the reopen offer',
      builders[8]![1]({ request: { state: 'resolved' } }),
      [
        [ActionId.Reopen, 'Reopen', 'primary'],
        [ActionId.NoActionNeeded, 'No action needed', null],
      ],
    ],
  ])('when %s is built, then its buttons are as expected', (_label, m, expected) => {
    expect(buttonsBrief(m)).toEqual(expected);
  });

  it.each(builders)('when %s has buttons, then they sit in the prompt actions block and carry the request id', (_name, build) => {
    const m = build({ request: { ownerId: undefined } });
    const actionBlocks = m.blocks.filter((b) => (b as { type: string }).type === 'actions') as Array<{ block_id: string }>;
    expect(actionBlocks.map((b) => b.block_id)).toEqual(actionBlocks.length ? [BlockId.PromptActions] : []);
    for (const b of buttonsOf(m)) {
      expect(b.type).toBe('button');
      expect(b.value).toBe('R00000007');
    }
  });

  it.each(builders)('when %s quotes a hostile client label and excerpt, then nothing in it can ping anyone', (_name, build) => {
    const m = build({ request: { excerpt: HOSTILE }, clientLabel: HOSTILE });
    expectNoPings(m);
    // The real client is still named, as a mention the app made itself.
    expect(m.text).toContain('(<@U0CLIENT>)');
  });

  it.each(builders)('when %s quotes an excerpt with a "|", then the link label cannot end the link early', (_name, build) => {
    const m = build({ request: { excerpt: 'a|<https://evil.example|click>' } });
    expect(m.text).not.toContain('<https://evil.example');
    expect(m.text).toContain('|“a¦&lt;https://evil.example¦click&gt;”>');
  });

  it.each(builders)('when %s quotes a very long excerpt, then it stays within Block Kit limits', (_name, build) => {
    const m = build({ request: { excerpt: 'x'.repeat(10_000) }, clientLabel: 'Acme '.repeat(100) });
    expect(blockKitProblems(m)).toEqual([]);
    // The excerpt is shortened to 120 characters (119 and an ellipsis).
    expect(m.text).toContain(`|“${'x'.repeat(119)}…”>`);
  });

  it('when the channel has no client label, then the client is named by mention alone', () => {
    expect(askEtaMessage(input({ clientLabel: undefined })).text).toMatch(/^You own a request from <@U0CLIENT>: <https:/);
  });

  it('when a lead hears of a missed ETA or an overdue update nobody owns, then the owner reads "nobody"', () => {
    const unowned = { request: { ownerId: undefined, state: 'open' as const } };
    expect(builders[5]![1](unowned).text).toContain('ETA missed: nobody estimated');
    expect(builders[6]![1](unowned).text).toContain(', owner nobody: ');
  });

  it.each<[string, (over?: Over) => Message, RegExp, string[]]>([
    ['the ETA question', builders[0]![1], /^Olet vastuussa pyynnöstä, jonka lähetti Acme Oy \(<@U0CLIENT>\): <https:.*Asiakas näkee arviosi\.$/s, ['Aseta arvio']],
    [
      'the update reminder',
      builders[1]![1],
      /^Tilannepäivitys asiakkaalle Acme Oy \(<@U0CLIENT>\) viimeistään 14:00 today \(Helsinki time\): <https:/,
      ['Lähetä päivitys', 'Työn alla, ei uutta', 'Muuta arviota', 'Odottaa asiakasta', 'Ratkaistu'],
    ],
    ['the triage reminder', builders[2]![1], /viimeistään 14:00 today \(Helsinki time\) eikä pyynnöllä ole vielä vastuuhenkilöä: <https:/, ['Ota itselle']],
    ['"On track?"', builders[3]![1], /^Pysyykö aikataulu\? Arviosi mukaan asia ratkeaa 16:00 tomorrow \(Helsinki time\) \(Acme Oy \(<@U0CLIENT>\)\): <https:/, ['Kyllä', 'Päivitä arvio', 'Ratkaistu']],
    ['the missed ETA', builders[4]![1], /^Arvioimasi ratkaisuaika, .+, on mennyt ja pyyntö \(Acme Oy \(<@U0CLIENT>\)\) on yhä auki\. Anna asiakkaalle uusi arvio: <https:/, ['Päivitä arvio', 'Ratkaistu']],
    ['the missed ETA for a lead', builders[5]![1], /^Aika-arvio ylittyi: <@U0AINO> arvioi asian ratkeavan /, []],
    ['the escalation of an unowned request', (o) => builders[6]![1]({ ...o, request: { ownerId: undefined } }), /^Tilannepäivitys on myöhässä: se piti antaa .+ mennessä \(Acme Oy \(<@U0CLIENT>\); vastuuhenkilö: ei vielä nimetty\): <https:/, ['Nimeä vastuuhenkilö…']],
    ['the client-wrote notice', builders[7]![1], /^Acme Oy \(<@U0CLIENT>\) kirjoitti pyyntönsä ketjuun: .*\|Avaa ketju>$/s, ['Lähetä päivitys', 'Työn alla, ei uutta', 'Muuta arviota', 'Odottaa asiakasta', 'Ratkaistu']],
    ['the reopen offer', builders[8]![1], /^Acme Oy \(<@U0CLIENT>\) kirjoitti jo ratkaistun pyynnön ketjuun \(ratkaistu on Monday at 14:00\)\. Avataanko pyyntö uudelleen\?\n<https:.*\|Avaa ketju>$/s, ['Avaa uudelleen', 'Ei toimenpiteitä']],
  ])('when %s is built in Finnish, then text and buttons are Finnish', (_label, build, text, buttons) => {
    const m = build({ language: 'fi' });
    expect(m.text).toMatch(text);
    expect(buttonsOf(m).map((b) => b.text.text)).toEqual(buttons);
  });
});

describe('answeredPrompt', () => {
  it('when a prompt was answered, then its text stays and its buttons give way to what was done', () => {
    const original = reminderMessage({ ...input(), dueTime: '14:00 today (Helsinki time)' });
    const answered = answeredPrompt(original.text, 'Posted to the client.');
    expect(answered).toEqual({
      text: original.text,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: original.text } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: ':white_check_mark: Posted to the client.' }] },
      ],
    });
    expect(buttonsOf(answered)).toEqual([]);
  });

  it('when the answered prompt is Finnish, then the note is passed through as given', () => {
    const answered = answeredPrompt('Pysyykö aikataulu?', 'Kiitos! Merkitty, että aikataulu pitää.');
    expect(answered.blocks[1]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: ':white_check_mark: Kiitos! Merkitty, että aikataulu pitää.' }] });
  });
});
