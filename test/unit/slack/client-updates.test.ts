import type { Language } from '../../../src/domain/settings';
import type { ClientUpdate } from '../../../src/jobs/job-schemas';
import { clientUpdateMessage, closingMessage } from '../../../src/slack/blocks/client-updates';
import { at } from '../domain/instants';

// Monday 23 Nov 2026, noon in Helsinki (UTC+2).
const NOW = at('2026-11-23T12:00:00+02:00');
const NEXT = at('2026-11-23T14:00:00+02:00');
const ETA = at('2026-11-24T16:00:00+02:00');
const EARLIER_ETA = at('2026-11-23T16:00:00+02:00');
const LATER_ETA = at('2026-11-25T12:00:00+02:00');
const HOSTILE = '<!channel> @here <@U123> <!subteam^S1> & < >';
const HOSTILE_ESCAPED = '&lt;!channel&gt; @\u2060here &lt;@U123&gt; &lt;!subteam^S1&gt; &amp; &lt; &gt;';

/** A client in the channel's own zone: no zone is named (see client-zone.test.ts for the others). */
const render = (update: ClientUpdate, language: Language = 'en') =>
  clientUpdateMessage(update, { language, timezone: 'Europe/Helsinki', now: NOW, clientTz: 'Europe/Helsinki' });

/** The texts of a message's sections, in order. */
function sectionTexts(m: { blocks: unknown[] }): string[] {
  return m.blocks.map((b) => (b as { type: string; text: { text: string } }).text.text);
}

function expectNoPings(m: { text: string; blocks: unknown[] }): void {
  const json = JSON.stringify(m);
  for (const raw of ['<!channel>', '<!here>', '<!subteam', '<@U123>', '@here', ' & ', '< >']) expect(json).not.toContain(raw);
}

describe('clientUpdateMessage', () => {
  it.each<[string, ClientUpdate, string[]]>([
    ["the owner's own words", { type: 'text', text: 'The export is fixed on staging.', nextUpdateDueAt: NEXT }, ['The export is fixed on staging.']],
    ['own words with blanks around them', { type: 'text', text: '  \n Deploying now. \n ', nextUpdateDueAt: NEXT }, ['Deploying now.']],
    [
      'own words with a first ETA',
      { type: 'text', text: 'Found the cause.', etaAt: ETA, nextUpdateDueAt: NEXT },
      ['Found the cause.', 'Estimated resolution: 16:00 tomorrow.'],
    ],
    [
      'own words with a revised ETA',
      { type: 'text', text: 'Needs a vendor fix.', etaAt: LATER_ETA, previousEtaAt: ETA, nextUpdateDueAt: NEXT },
      ['Needs a vendor fix.', 'New estimated resolution: Wed 25 Nov at 12:00 (was 16:00 tomorrow).'],
    ],
    [
      'own words with an ETA equal to the one before',
      { type: 'text', text: 'Still as planned.', etaAt: ETA, previousEtaAt: ETA, nextUpdateDueAt: NEXT },
      ['Still as planned.', 'Estimated resolution: 16:00 tomorrow.'],
    ],
    ['"still on it"', { type: 'still_on_it', nextUpdateDueAt: NEXT }, ['Still working on this — nothing new yet.']],
    ['a first ETA', { type: 'eta', etaAt: ETA, nextUpdateDueAt: NEXT }, ['Estimated resolution: 16:00 tomorrow.']],
    [
      'a first ETA with a note',
      { type: 'eta', etaAt: ETA, reason: ' We need a restart window. ', nextUpdateDueAt: NEXT },
      ['Estimated resolution: 16:00 tomorrow.', 'Note: We need a restart window.'],
    ],
    [
      'a revised ETA with a reason',
      { type: 'eta', etaAt: LATER_ETA, previousEtaAt: ETA, reason: 'The vendor is slow.', nextUpdateDueAt: NEXT },
      ['New estimated resolution: Wed 25 Nov at 12:00 (was 16:00 tomorrow).', 'Reason: The vendor is slow.'],
    ],
    [
      'an ETA brought forward',
      { type: 'eta', etaAt: EARLIER_ETA, previousEtaAt: ETA, nextUpdateDueAt: NEXT },
      ['New estimated resolution: 16:00 today (was 16:00 tomorrow).'],
    ],
    [
      'a revised ETA with a blank reason',
      { type: 'eta', etaAt: LATER_ETA, previousEtaAt: ETA, reason: '  ', nextUpdateDueAt: NEXT },
      ['New estimated resolution: Wed 25 Nov at 12:00 (was 16:00 tomorrow).'],
    ],
    ['"not known yet"', { type: 'eta', nextUpdateDueAt: NEXT }, ["We don't have an estimate yet. We'll tell you as soon as we do."]],
    [
      '"not known yet" replacing an ETA, with a reason',
      { type: 'eta', previousEtaAt: ETA, reason: 'Waiting for logs.', nextUpdateDueAt: NEXT },
      ["We don't have an estimate yet. We'll tell you as soon as we do.", 'Reason: Waiting for logs.'],
    ],
    ['a reopening', { type: 'reopened', nextUpdateDueAt: NEXT }, ["We've reopened this request and are looking at it again."]],
  ])('when the update is %s, then the client reads it and then when the next update comes', (_label, update, lines) => {
    const m = render(update);
    const expected = [...lines, 'Next update by 14:00 today.'].join('\n');
    expect(m.text).toBe(expected);
    expect(sectionTexts(m).join('\n')).toBe(expected);
  });

  it('when the next update falls on a later day, then the last line gives the date', () => {
    const m = render({ type: 'still_on_it', nextUpdateDueAt: at('2026-11-26T09:30:00+02:00') });
    expect(m.text.split('\n').at(-1)).toBe('Next update by Thu 26 Nov at 09:30.');
  });

  it.each<[string, ClientUpdate, string]>([
    ["the owner's own words", { type: 'text', text: 'Korjaus on testissä.', etaAt: ETA, nextUpdateDueAt: NEXT }, 'Korjaus on testissä.\nArvioitu ratkaisuaika: huomenna klo 16.00.'],
    ['"still on it"', { type: 'still_on_it', nextUpdateDueAt: NEXT }, 'Työ jatkuu – ei vielä uutta kerrottavaa.'],
    [
      'a revised ETA with a reason',
      { type: 'eta', etaAt: LATER_ETA, previousEtaAt: ETA, reason: 'Toimittaja viivästyy.', nextUpdateDueAt: NEXT },
      'Uusi arvioitu valmistuminen: ke 25.11. klo 12.00 (aiemmin huomenna klo 16.00).\nSyy: Toimittaja viivästyy.',
    ],
    ['a first ETA with a note', { type: 'eta', etaAt: ETA, reason: 'Huoltokatko.', nextUpdateDueAt: NEXT }, 'Arvioitu ratkaisuaika: huomenna klo 16.00.\nLisätieto: Huoltokatko.'],
    ['"not known yet"', { type: 'eta', nextUpdateDueAt: NEXT }, 'Emme vielä osaa arvioida, milloin asia ratkeaa. Kerromme heti, kun tiedämme enemmän.'],
    ['a reopening', { type: 'reopened', nextUpdateDueAt: NEXT }, 'Avasimme pyynnön uudelleen ja jatkamme asian selvittämistä.'],
  ])('when the channel speaks Finnish and the update is %s, then it reads in Finnish', (_label, update, body) => {
    expect(render(update, 'fi').text).toBe(`${body}\nSeuraava päivitys viimeistään tänään klo 14.00.`);
  });

  it.each<[string, ClientUpdate]>([
    ["the owner's own words", { type: 'text', text: HOSTILE, nextUpdateDueAt: NEXT }],
    ['a revision reason', { type: 'eta', etaAt: LATER_ETA, previousEtaAt: ETA, reason: HOSTILE, nextUpdateDueAt: NEXT }],
    ['a note with a first ETA', { type: 'eta', etaAt: ETA, reason: HOSTILE, nextUpdateDueAt: NEXT }],
  ])('when %s carry markup, then it is escaped like client text and pings nobody', (_label, update) => {
    const m = render(update);
    expectNoPings(m);
    expect(m.text).toContain(HOSTILE_ESCAPED);
  });

  it.each([
    ['an ordinary long one', 'word '.repeat(500)],
    ['2 500 characters of markup (escaping makes them 10 000)', '<&>'.repeat(833)],
  ])('when the update is %s, then every section stays within 3000 characters and the last line always shows', (_label, text) => {
    const m = render({ type: 'text', text, etaAt: LATER_ETA, previousEtaAt: ETA, nextUpdateDueAt: NEXT });
    const sections = sectionTexts(m);
    for (const section of sections) expect(section.length).toBeLessThanOrEqual(3000);
    expect(sections.at(-1)?.endsWith('Next update by 14:00 today.')).toBe(true);
    expect(sections[0]).not.toMatch(/&(a|am|l|g|lt|gt)?…$/); // never cut inside an escape
  });
});

describe('clientUpdateMessage for a request resolved before it went out', () => {
  it.each<[string, ClientUpdate, string]>([
    ['still on it', { type: 'still_on_it', nextUpdateDueAt: NEXT }, 'Still working on this — nothing new yet.'],
    ['an ETA', { type: 'eta', etaAt: ETA, nextUpdateDueAt: NEXT }, 'Estimated resolution: 16:00 tomorrow.'],
    ['the owner\'s words', { type: 'text', text: 'Disk replaced.', nextUpdateDueAt: NEXT }, 'Disk replaced.'],
  ])('%s promises no next update (the closing follows)', (_name, update, expected) => {
    const message = clientUpdateMessage(update, { language: 'en', timezone: 'Europe/Helsinki', now: NOW, clientTz: 'Europe/Helsinki', resolved: true });
    expect(message.text).toBe(expected);
    expect(JSON.stringify(message.blocks)).not.toContain('Next update by');
    expect(message.blocks.every((b) => (b as { text?: { text?: string } }).text?.text)).toBe(true); // no empty section
    expect(clientUpdateMessage(update, { language: 'en', timezone: 'Europe/Helsinki', now: NOW, clientTz: 'Europe/Helsinki' }).text).toContain('Next update by 14:00 today');
  });
});

describe('closingMessage', () => {
  const FEEDBACK_EN = 'How did we do? React to this message with :+1:, :neutral_face: or :-1:.';
  const FEEDBACK_FI = 'Miten onnistuimme? Reagoi tähän viestiin: :+1:, :neutral_face: tai :-1:.';

  it.each<[string, string | undefined, Language, string]>([
    ['a summary', 'Restarted the export worker.', 'en', `Resolved: Restarted the export worker.\n${FEEDBACK_EN}`],
    ['a summary with blanks around it', '  Fixed.\n', 'en', `Resolved: Fixed.\n${FEEDBACK_EN}`],
    ['no summary', undefined, 'en', `Resolved.\n${FEEDBACK_EN}`],
    ['a blank summary', '   ', 'en', `Resolved.\n${FEEDBACK_EN}`],
    ['a Finnish summary', 'Vienti toimii taas.', 'fi', `Asia on ratkaistu: Vienti toimii taas.\n${FEEDBACK_FI}`],
    ['no Finnish summary', undefined, 'fi', `Asia on ratkaistu.\n${FEEDBACK_FI}`],
  ])('when resolved with %s, then the client reads it and is asked for feedback by reaction', (_label, summary, lang, expected) => {
    const m = closingMessage(summary, lang);
    expect(m.text).toBe(expected);
    expect(sectionTexts(m).join('\n')).toBe(expected);
  });

  it('when the summary is very long, then the request for feedback still shows in a section of its own', () => {
    const sections = sectionTexts(closingMessage('<!here> '.repeat(400), 'en'));
    for (const section of sections) expect(section.length).toBeLessThanOrEqual(3000);
    expect(sections.at(-1)).toBe(FEEDBACK_EN);
  });

  it('when the summary carries markup, then it is escaped and pings nobody', () => {
    const m = closingMessage(HOSTILE, 'en');
    expectNoPings(m);
    expect(m.text).toBe(`Resolved: ${HOSTILE_ESCAPED}\n${FEEDBACK_EN}`);
  });

  it.each<[string, string | undefined, string, Language, string[]]>([
    ['a summary and a thank-you', 'Fixed.', 'Thanks for the clear report, Maria!', 'en', ['Resolved: Fixed.', 'Thanks for the clear report, Maria!', FEEDBACK_EN]],
    ['only a thank-you', undefined, 'Thanks for your patience!', 'en', ['Resolved.', 'Thanks for your patience!', FEEDBACK_EN]],
    ['a Finnish thank-you', 'Korjattu.', 'Kiitos selkeästä kuvauksesta!', 'fi', ['Asia on ratkaistu: Korjattu.', 'Kiitos selkeästä kuvauksesta!', FEEDBACK_FI]],
    ['a blank thank-you', 'Fixed.', '  ', 'en', ['Resolved: Fixed.', FEEDBACK_EN]],
  ])('when resolved with %s, then the thank-you has a line of its own before the request for feedback', (_label, summary, thanks, lang, expected) => {
    const m = closingMessage(summary, lang, thanks);
    expect(m.text).toBe(expected.join('\n'));
    expect(sectionTexts(m)).toEqual(expected);
  });

  it('when the thank-you carries markup or is very long, then it is escaped, pings nobody and the request for feedback still shows', () => {
    expectNoPings(closingMessage('Fixed.', 'en', HOSTILE));
    expect(closingMessage('Fixed.', 'en', HOSTILE).text).toBe(`Resolved: Fixed.\n${HOSTILE_ESCAPED}\n${FEEDBACK_EN}`);
    const sections = sectionTexts(closingMessage('Fixed.', 'en', '<!here> '.repeat(400)));
    for (const section of sections) expect(section.length).toBeLessThanOrEqual(3000);
    expect(sections.at(-1)).toBe(FEEDBACK_EN);
  });
});

describe('clientUpdateMessage after a missed estimate', () => {
  // NOW is Monday noon; the estimate was 16:00 on Sunday ("yesterday" seen from Monday is Sunday 22 Nov).
  const MISSED = at('2026-11-22T16:00:00+02:00');
  it.each<[string, Language, ClientUpdate, string]>([
    [
      'an update with no new estimate yet',
      'en',
      { type: 'text', text: 'Found the cause.', missedEta: MISSED, nextUpdateDueAt: NEXT },
      "Found the cause.\nWe missed our estimate of 16:00 yesterday. We don't have a new one yet; we'll give you one by the next update.",
    ],
    [
      'an update with a new estimate',
      'en',
      { type: 'text', text: 'Found the cause.', etaAt: ETA, previousEtaAt: MISSED, missedEta: MISSED, nextUpdateDueAt: NEXT },
      'Found the cause.\nWe missed our estimate of 16:00 yesterday; we now expect it by 16:00 tomorrow.',
    ],
    [
      'a revision with a reason (its full stop dropped, its words escaped)',
      'en',
      { type: 'eta', etaAt: ETA, previousEtaAt: MISSED, missedEta: MISSED, reason: ' the vendor needs <another> day. ', nextUpdateDueAt: NEXT },
      'We missed our estimate of 16:00 yesterday; we now expect it by 16:00 tomorrow, because the vendor needs &lt;another&gt; day.',
    ],
    [
      'a revision without a reason',
      'en',
      { type: 'eta', etaAt: ETA, previousEtaAt: MISSED, missedEta: MISSED, nextUpdateDueAt: NEXT },
      'We missed our estimate of 16:00 yesterday; we now expect it by 16:00 tomorrow.',
    ],
    [
      '"not known yet" after the miss, with a reason',
      'en',
      { type: 'eta', previousEtaAt: MISSED, missedEta: MISSED, reason: 'Waiting for the vendor.', nextUpdateDueAt: NEXT },
      "We missed our estimate of 16:00 yesterday. We don't have a new one yet; we'll give you one by the next update.\nReason: Waiting for the vendor.",
    ],
    [
      'an update with no new estimate yet',
      'fi',
      { type: 'text', text: 'Syy löytyi.', missedEta: MISSED, nextUpdateDueAt: NEXT },
      'Syy löytyi.\nArviomme eilen klo 16.00 ei pitänyt. Uutta arviota meillä ei vielä ole, mutta kerromme sen viimeistään seuraavassa päivityksessä.',
    ],
    [
      'an update with a new estimate',
      'fi',
      { type: 'text', text: 'Syy löytyi.', etaAt: ETA, missedEta: MISSED, nextUpdateDueAt: NEXT },
      'Syy löytyi.\nArviomme eilen klo 16.00 ei pitänyt. Arvioimme nyt asian ratkeavan huomenna klo 16.00 mennessä.',
    ],
    [
      '[Still on it] once the estimate has passed',
      'en',
      { type: 'still_on_it', missedEta: MISSED, nextUpdateDueAt: NEXT },
      "Still working on this — nothing new yet.\nWe missed our estimate of 16:00 yesterday. We don't have a new one yet; we'll give you one by the next update.",
    ],
    [
      '[Still on it] once the estimate has passed',
      'fi',
      { type: 'still_on_it', missedEta: MISSED, nextUpdateDueAt: NEXT },
      'Työ jatkuu – ei vielä uutta kerrottavaa.\nArviomme eilen klo 16.00 ei pitänyt. Uutta arviota meillä ei vielä ole, mutta kerromme sen viimeistään seuraavassa päivityksessä.',
    ],
    [
      'a revision with a reason',
      'fi',
      { type: 'eta', etaAt: ETA, previousEtaAt: MISSED, missedEta: MISSED, reason: 'toimittaja tarvitsee vielä päivän.', nextUpdateDueAt: NEXT },
      'Arviomme eilen klo 16.00 ei pitänyt. Arvioimme nyt asian ratkeavan huomenna klo 16.00 mennessä, koska toimittaja tarvitsee vielä päivän.',
    ],
  ])('when it is %s (%s), then the client reads that we missed it, plainly and without nested parentheses', (_label, lang, update, body) => {
    const m = render(update, lang);
    const next = lang === 'en' ? 'Next update by 14:00 today.' : 'Seuraava päivitys viimeistään tänään klo 14.00.';
    expect(m.text).toBe(`${body}\n${next}`);
    expect(m.text).not.toMatch(/\([^)]*\(/);
  });

  it.each<[Language, string, string]>([
    ['en', 'The vendor needs another day.', 'because the vendor needs another day.'],
    ['en', 'We wait for a spare part', 'because we wait for a spare part.'],
    ['en', 'Aino is ill', 'because Aino is ill.'],
    ['en', 'API limits hit us', 'because API limits hit us.'],
    ['en', 'THE VENDOR IS LATE', 'because THE VENDOR IS LATE.'],
    ['fi', 'Toimittaja tarvitsee vielä päivän.', 'koska toimittaja tarvitsee vielä päivän.'],
    ['fi', 'Mikko on lomalla', 'koska Mikko on lomalla.'],
  ])('when the %s reason is "%s", then the sentence ends "%s"', (lang, reason, ending) => {
    const update: ClientUpdate = { type: 'eta', etaAt: ETA, previousEtaAt: MISSED, missedEta: MISSED, reason, nextUpdateDueAt: NEXT };
    expect(render(update, lang).text.split('\n')[0]?.endsWith(ending)).toBe(true);
  });
});
