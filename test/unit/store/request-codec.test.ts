import type { TrackedRequest } from '../../../src/domain/request';
import { decodeRequest, encodeRequest } from '../../../src/store/request-codec';
import { userFactsFrom } from '../../../src/store/redis-slack-directory';

const request: TrackedRequest = {
  id: 'R6a2f1c403e7-42',
  teamId: 'T0HOST',
  channelId: 'C0SHARED',
  ts: '1700000000.000100',
  joinedTs: [],
  clientUserId: 'U0CLIENT',
  clientName: 'Maria',
  excerpt: 'Our export fails',
  priority: 'normal',
  state: 'open',
  trigger: 'auto',
  createdAt: 1_700_000_000_000,
  nextUpdateDueAt: 1_700_003_600_000,
  revision: 0,
  updateCount: 0,
};

describe('the request codec and the client zone', () => {
  it.each([
    ['a client zone', { ...request, clientTz: 'America/New_York' }],
    ['none (recorded before zones were kept, or Slack gave none)', request],
  ])('when the request has %s, then it round-trips unchanged', (_label, r) => {
    expect(decodeRequest(encodeRequest(r))).toEqual(r);
  });

  it('when the request has no client zone, then the hash holds no field for it', () => {
    expect(Object.keys(encodeRequest(request))).not.toContain('clientTz');
  });

  it('when a request written before zones were kept is read, then its client zone is unknown', () => {
    const { clientTz: _none, ...old } = encodeRequest({ ...request, clientTz: 'Europe/London' });
    expect(decodeRequest(old)?.clientTz).toBeUndefined();
  });
});

describe('the request codec and the living acknowledgement', () => {
  const living = { at: 1_700_000_001_000, promisedAt: 1_700_003_600_000 };
  it.each([
    ['as posted', { ...request, living }],
    ['with the owner folded in', { ...request, living: { ...living, ownerId: 'U0AINO' } }],
    ['with the owner and the first ETA folded in, the thread moved on since', { ...request, living: { ...living, ownerId: 'U0AINO', etaSeq: 1 }, ackMovedOnAt: 1_700_000_500_000 }],
  ])('when the acknowledgement is %s, then it round-trips unchanged, in a short field', (_label, r) => {
    expect(decodeRequest(encodeRequest(r))).toEqual(r);
    expect((encodeRequest(r).living ?? '').length).toBeLessThanOrEqual(60);
  });

  it.each(['', 'not json', '{"a":"x","p":1}', '{"p":1}'])('when the field holds %j, then the request reads as before the living acknowledgement', (value) => {
    expect(decodeRequest({ ...encodeRequest(request), living: value })?.living).toBeUndefined();
  });
});

describe("users.info's zone", () => {
  it.each<[string, Record<string, unknown>, string | undefined]>([
    ['a zone', { id: 'U1', tz: 'America/New_York' }, 'America/New_York'],
    ['no zone', { id: 'U1' }, undefined],
    ['an empty zone', { id: 'U1', tz: '' }, undefined],
  ])('when Slack gives %s, then the user facts carry %s', (_label, user, expected) => {
    expect(userFactsFrom(user, 'U1').tz).toBe(expected);
  });
});
