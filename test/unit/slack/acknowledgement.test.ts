import { acknowledgementMessage } from '../../../src/slack/blocks/acknowledgement';
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
