import type { RequestHistory } from '../../../src/domain/metrics';
import { MAX_THANKS_PEOPLE, type ThanksOffer, digestWeek, thanksOffers, thanksTooLate } from '../../../src/domain/thanks';
import { at } from './instants';

const FROM = at('2026-11-16T08:00:00+02:00');
const TO = at('2026-11-23T08:00:00+02:00');
const DAY = 24 * 3600_000;

let n = 0;
/** A request of `channel` resolved at `resolvedAt` (undefined: still open), owned by `owner`. */
function resolved(channelId: string | undefined, resolvedAt: number | undefined, owner?: string, resolvedBy?: string): RequestHistory {
  n += 1;
  return {
    request: {
      id: `R${n}`,
      createdAt: FROM - DAY,
      state: resolvedAt === undefined ? 'in_progress' : 'resolved',
      ...(resolvedAt !== undefined ? { resolvedAt } : {}),
      ...(channelId ? { channelId } : {}),
      ...(owner ? { ownerId: owner } : {}),
      ...(resolvedBy ? { resolvedBy } : {}),
    },
    events: [],
  };
}

describe('thanksOffers', () => {
  it.each<[string, RequestHistory[], ThanksOffer[]]>([
    ['no request resolved in the week', [resolved('C1', undefined, 'U1')], []],
    ['one resolved request', [resolved('C1', FROM + DAY, 'U1')], [{ channelId: 'C1', resolved: 1, people: ['U1'] }]],
    ['resolved exactly when the week begins counts', [resolved('C1', FROM, 'U1')], [{ channelId: 'C1', resolved: 1, people: ['U1'] }]],
    ['resolved exactly when the week ends belongs to the next one', [resolved('C1', TO, 'U1')], []],
    ['resolved the week before', [resolved('C1', FROM - 1, 'U1')], []],
    [
      'two channels: the one with more resolved first, then by id',
      [resolved('C2', FROM + DAY, 'U1'), resolved('C1', FROM + DAY, 'U1'), resolved('C3', FROM + DAY, 'U1'), resolved('C3', FROM + 2 * DAY, 'U2')],
      [
        { channelId: 'C3', resolved: 2, people: ['U1', 'U2'] },
        { channelId: 'C1', resolved: 1, people: ['U1'] },
        { channelId: 'C2', resolved: 1, people: ['U1'] },
      ],
    ],
    [
      'people with the most requests first, each once',
      [resolved('C1', FROM + DAY, 'U2'), resolved('C1', FROM + DAY, 'U1'), resolved('C1', FROM + DAY, 'U1')],
      [{ channelId: 'C1', resolved: 3, people: ['U1', 'U2'] }],
    ],
    ['no owner: who resolved it', [resolved('C1', FROM + DAY, undefined, 'U9')], [{ channelId: 'C1', resolved: 1, people: ['U9'] }]],
    ['nobody known: counted, signed by nobody', [resolved('C1', FROM + DAY)], [{ channelId: 'C1', resolved: 1, people: [] }]],
    ['an anonymous history (purged): no channel to thank', [resolved(undefined, FROM + DAY, 'U1')], []],
    ['an open request in the channel is not counted', [resolved('C1', FROM + DAY, 'U1'), resolved('C1', undefined, 'U2')], [{ channelId: 'C1', resolved: 1, people: ['U1'] }]],
  ])('%s', (_, histories, expected) => {
    expect(thanksOffers(histories, FROM, TO)).toEqual(expected);
  });

  it('offers at most `max` channels, and signs with at most MAX_THANKS_PEOPLE people', () => {
    const many = Array.from({ length: 12 }, (_, i) => resolved(`C${String(i).padStart(2, '0')}`, FROM + DAY, `U${i}`));
    expect(thanksOffers(many, FROM, TO, 3).map((o) => o.channelId)).toEqual(['C00', 'C01', 'C02']);
    const crowd = Array.from({ length: 12 }, (_, i) => resolved('C1', FROM + DAY, `U${String(i).padStart(2, '0')}`));
    expect(thanksOffers(crowd, FROM, TO)[0]?.people).toHaveLength(MAX_THANKS_PEOPLE);
  });
});

describe('digestWeek', () => {
  it.each([
    [at('2026-11-16T08:00:00+02:00'), 'Europe/Helsinki', '2026-11-16'],
    ['a digest that runs late, past midnight UTC', at('2026-11-16T01:30:00+02:00'), 'Europe/Helsinki', '2026-11-16'],
    [at('2026-11-16T01:30:00+02:00'), 'UTC', '2026-11-15'],
    ['the night clocks go forward', at('2026-03-29T08:00:00+03:00'), 'Europe/Helsinki', '2026-03-29'],
  ].map((row) => (row.length === 3 ? ['', ...row] : row)) as Array<[string, number, string, string]>)('%s %s in %s → %s', (_, from, timezone, week) => {
    expect(digestWeek(from, timezone)).toBe(week);
  });
});

describe('thanksTooLate', () => {
  it.each([
    ['the day the digest came', FROM + 7 * DAY, false],
    ['a week after the digest', FROM + 14 * DAY, false],
    ['a moment later', FROM + 14 * DAY + 1, true],
    ['a month later', FROM + 30 * DAY, true],
  ])('%s', (_, now, late) => {
    expect(thanksTooLate(FROM, now)).toBe(late);
  });
});
