import { acknowledgementMessage, livingAcknowledgementMessage } from '../../../src/slack/blocks/acknowledgement';
import type { BusinessHours } from '../../../src/domain/settings';

const hours: BusinessHours = { timezone: 'Europe/Helsinki', workingDays: [1, 2, 3, 4, 5], startMinute: 540, endMinute: 1020, holidays: [] };
// Monday 23 Nov 2026; Helsinki is UTC+2 in November.
const at = (iso: string) => Date.parse(iso);

describe('acknowledgementMessage', () => {
  it.each([
    [
      'en, within hours',
      'en' as const,
      { now: at('2026-11-23T11:00:00Z'), due: at('2026-11-23T12:30:00Z') },
      undefined,
      "Thanks, Maria — we've received your request and we're on it. You'll get the next update by 14:30 today.",
    ],
    [
      'fi, within hours',
      'fi' as const,
      { now: at('2026-11-23T11:00:00Z'), due: at('2026-11-23T12:30:00Z') },
      undefined,
      /^Kiitos, Maria.*tänään klo 14\.30\.$/,
    ],
    [
      'en, Friday evening',
      'en' as const,
      { now: at('2026-11-27T18:00:00Z'), due: at('2026-11-30T08:00:00Z') },
      at('2026-11-30T07:00:00Z'),
      /^Thanks, Maria — we've received your request\. Our team is back .*9[.:]00.*first update by .*10:00/,
    ],
  ])('when %s (a client in the channel zone: see client-zone.test.ts), then the text reads naturally', (_label, language, times, backAt, expected) => {
    const { text, blocks } = acknowledgementMessage({
      request: { clientName: 'Maria', nextUpdateDueAt: times.due, clientTz: 'Europe/Helsinki' },
      settings: { language, businessHours: hours },
      now: times.now,
      ...(backAt === undefined ? {} : { backAt }),
    });
    if (typeof expected === 'string') expect(text).toBe(expected);
    else expect(text).toMatch(expected);
    expect(blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text } }]);
  });

  it('when the client name carries markup, then it is escaped', () => {
    const { text } = acknowledgementMessage({
      request: { clientName: '<!channel>', nextUpdateDueAt: at('2026-11-23T12:30:00Z') },
      settings: { language: 'en', businessHours: hours },
      now: at('2026-11-23T11:00:00Z'),
    });
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
  });
});

describe('livingAcknowledgementMessage', () => {
  const now = at('2026-11-23T07:04:00Z'); // Monday 09:04 in Helsinki
  const eta = at('2026-11-23T14:00:00Z'); // 16:00
  const promisedAt = at('2026-11-23T11:07:00Z'); // 13:07
  // Maria reads Helsinki time, as the channel does: no time names the zone.
  const request = { clientName: 'Maria', nextUpdateDueAt: at('2026-11-23T08:00:00Z'), clientTz: 'Europe/Helsinki' };
  const living = (language: 'en' | 'fi', extra: { owner?: string; eta?: { etaAt: number; note?: string } }) =>
    livingAcknowledgementMessage({ request, settings: { language, businessHours: hours }, promisedAt, now, ...extra });

  it.each<[string, 'en' | 'fi', { owner?: string; eta?: { etaAt: number; note?: string } }, string]>([
    [
      'the owner, in English',
      'en',
      { owner: 'Aino' },
      "Thanks, Maria — we've received your request. Aino from our team is on it. You'll get the next update by 13:07 today.",
    ],
    [
      'the owner and the estimate, in English',
      'en',
      { owner: 'Aino', eta: { etaAt: eta } },
      "Thanks, Maria — we've received your request. Aino from our team is on it; estimated resolution 16:00 today. " +
        "You'll get the next update by 13:07 today.",
    ],
    [
      'only the estimate (nobody owns it yet), in English',
      'en',
      { eta: { etaAt: eta } },
      "Thanks, Maria — we've received your request. Estimated resolution: 16:00 today. You'll get the next update by 13:07 today.",
    ],
    [
      'the owner, in Finnish',
      'fi',
      { owner: 'Aino' },
      'Kiitos, Maria – pyyntösi on vastaanotettu. Asiaasi hoitaa tiimistämme Aino. Kerromme tilanteesta viimeistään tänään klo 13.07.',
    ],
    [
      'the owner and the estimate, in Finnish',
      'fi',
      { owner: 'Aino', eta: { etaAt: eta } },
      'Kiitos, Maria – pyyntösi on vastaanotettu. Asiaasi hoitaa tiimistämme Aino. Arvioitu ratkaisuaika: tänään klo 16.00. ' +
        'Kerromme tilanteesta viimeistään tänään klo 13.07.',
    ],
    [
      'only the estimate, in Finnish',
      'fi',
      { eta: { etaAt: eta } },
      'Kiitos, Maria – pyyntösi on vastaanotettu. Arvioitu ratkaisuaika: tänään klo 16.00. Kerromme tilanteesta viimeistään tänään klo 13.07.',
    ],
  ])('when it tells %s, then it reads as one status line', (_label, language, extra, expected) => {
    const { text, blocks } = living(language, extra);
    expect(text).toBe(expected);
    expect(blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text } }]);
  });

  it.each<['en' | 'fi', string]>([
    ['en', 'Note: We are checking the export server.'],
    ['fi', 'Lisätieto: We are checking the export server.'],
  ])('when the estimate has a note (%s), then the note follows on a line and in a section of its own', (language, noteLine) => {
    const { text, blocks } = living(language, { owner: 'Aino', eta: { etaAt: eta, note: ' We are checking the export server. ' } });
    const [line, note] = text.split('\n');
    expect(note).toBe(noteLine);
    expect(blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: line } },
      { type: 'section', text: { type: 'mrkdwn', text: noteLine } },
    ]);
  });

  it('when the names and the note carry markup, then they are escaped and nobody is pinged', () => {
    const { text, blocks } = livingAcknowledgementMessage({
      request: { clientName: '<!channel>', nextUpdateDueAt: promisedAt },
      settings: { language: 'en', businessHours: hours },
      owner: 'Ai<!here>no',
      eta: { etaAt: eta, note: 'Ask <@U0LEAD> & <!everyone>' },
      promisedAt,
      now,
    });
    const json = JSON.stringify({ text, blocks });
    for (const ping of ['<!channel>', '<!here>', '<!everyone>', '<@U0LEAD>']) expect(json).not.toContain(ping);
    expect(text).toContain('Ai&lt;!here&gt;no from our team is on it');
    expect(text).toContain('Note: Ask &lt;@U0LEAD&gt; &amp; &lt;!everyone&gt;');
  });

  it('when the note is very long, then every section stays within Block Kit limits and the status line is whole', () => {
    const { blocks } = living('en', { owner: 'Aino', eta: { etaAt: eta, note: '<&> '.repeat(2000) } });
    const texts = (blocks as Array<{ text: { text: string } }>).map((b) => b.text.text);
    expect(texts[0]).toMatch(/You'll get the next update by 13:07 today\.$/);
    for (const section of texts) expect(section.length).toBeLessThanOrEqual(3000);
    expect(texts[1]).toMatch(/^Note: .+…$/);
  });

  it.each<[string, string | undefined, 'en' | 'fi', string]>([
    [
      'in New York',
      'America/New_York',
      'en',
      "Thanks, Maria — we've received your request. Aino from our team is on it; estimated resolution 16:00 Helsinki time today. You'll get the next update by 13:07 today.",
    ],
    [
      'whose zone Slack did not give',
      undefined,
      'fi',
      'Kiitos, Maria – pyyntösi on vastaanotettu. Asiaasi hoitaa tiimistämme Aino. Arvioitu ratkaisuaika: tänään klo 16.00 Suomen aikaa. Kerromme tilanteesta viimeistään tänään klo 13.07.',
    ],
  ])('when the client is %s, then the zone is named once, with the first time they read', (_label, clientTz, language, expected) => {
    const { text } = livingAcknowledgementMessage({
      request: { ...request, ...(clientTz ? { clientTz } : { clientTz: undefined }) },
      settings: { language, businessHours: hours },
      owner: 'Aino',
      eta: { etaAt: eta },
      promisedAt,
      now,
    });
    expect(text).toBe(expected);
  });

  it('when only the owner is told to a client in another zone, then the promise names it', () => {
    const { text } = livingAcknowledgementMessage({ request: { ...request, clientTz: 'America/New_York' }, settings: { language: 'en', businessHours: hours }, owner: 'Aino', promisedAt, now });
    expect(text).toBe("Thanks, Maria — we've received your request. Aino from our team is on it. You'll get the next update by 13:07 Helsinki time today.");
  });

  it('when Slack would not tell the client’s name, then the greeting mentions them', () => {
    const { text } = livingAcknowledgementMessage({
      request: { clientName: '', clientUserId: 'U0CLIENT', nextUpdateDueAt: promisedAt },
      settings: { language: 'en', businessHours: hours },
      owner: 'Aino',
      promisedAt,
      now,
    });
    expect(text).toMatch(/^Thanks, <@U0CLIENT> — we've received your request\. Aino/);
  });
});
