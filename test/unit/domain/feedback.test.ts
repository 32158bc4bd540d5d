import { isCritical, ratingOf, standingRatings } from '../../../src/domain/feedback';
import type { RequestEvent } from '../../../src/domain/request';

const added = (at: number, actorId: string, rating: string, fromClient = true): RequestEvent => ({ type: 'feedback', at, actorId, data: { rating, fromClient } });
const removed = (at: number, actorId: string, rating: string): RequestEvent => ({ type: 'feedback_removed', at, actorId, data: { rating, fromClient: true } });

describe('standingRatings', () => {
  it.each<[string, RequestEvent[], Array<[string, string]>]>([
    ['one reaction', [added(1, 'U1', 'positive')], [['U1', 'positive']]],
    ['a reaction taken back', [added(1, 'U1', 'negative'), removed(2, 'U1', 'negative')], []],
    ['a second reaction added (changed)', [added(1, 'U1', 'positive'), added(2, 'U1', 'negative')], [['U1', 'negative']]],
    ['changed, then the old one removed', [added(1, 'U1', 'positive'), added(2, 'U1', 'negative'), removed(3, 'U1', 'positive')], [['U1', 'negative']]],
    ['changed, then the new one removed (back to the old)', [added(1, 'U1', 'positive'), added(2, 'U1', 'negative'), removed(3, 'U1', 'negative')], [['U1', 'positive']]],
    ['removed and added again', [added(1, 'U1', 'neutral'), removed(2, 'U1', 'neutral'), added(3, 'U1', 'neutral')], [['U1', 'neutral']]],
    ['two people', [added(1, 'U1', 'positive'), added(2, 'U2', 'negative')], [['U1', 'positive'], ['U2', 'negative']]],
    ['a removal of what was never added', [removed(1, 'U1', 'negative')], []],
    ['other events and no actor', [{ type: 'resolved', at: 1, actorId: 'U0' }, { type: 'feedback', at: 2, data: { rating: 'positive' } }], []],
  ])('when %s, then the standing ratings are %j', (_label, events, expected) => {
    expect(standingRatings(events).map((s) => [s.userId, s.rating])).toEqual(expected);
  });

  it('when a rating stands, then it keeps when it was given and whether a client gave it', () => {
    expect(standingRatings([added(5, 'U1', 'neutral', false)])).toEqual([{ userId: 'U1', rating: 'neutral', at: 5, fromClient: false }]);
  });

  it('when asked for one person, then it is their latest standing rating', () => {
    const events = [added(1, 'U1', 'positive'), added(2, 'U2', 'negative'), added(3, 'U1', 'neutral')];
    expect(ratingOf(events, 'U1')).toBe('neutral');
    expect(ratingOf(events, 'U3')).toBeUndefined();
  });

  it.each([['positive', false], ['neutral', true], ['negative', true]] as const)('when the rating is %s, then critical is %s', (rating, critical) => {
    expect(isCritical(rating)).toBe(critical);
  });
});
