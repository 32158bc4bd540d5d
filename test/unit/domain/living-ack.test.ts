import { type FoldCandidate, type FoldDecision, LIVING_ACK_WINDOW_MS, type LivingAck, decideFold, movesOnNow, withoutFold } from '../../../src/domain/living-ack';
import { at } from './instants';

const MINUTE = 60_000;
const ACKED = at('2026-11-23T09:00:00+02:00');
const PROMISED = at('2026-11-23T10:00:00+02:00');
const FRESH: LivingAck = { at: ACKED, promisedAt: PROMISED };
const WITH_OWNER: LivingAck = { ...FRESH, ownerId: 'U0AINO' };
const WITH_ETA: LivingAck = { ...FRESH, etaSeq: 1 };
const WITH_BOTH: LivingAck = { ...WITH_OWNER, etaSeq: 1 };

const owner = (ownerId = 'U0AINO'): FoldCandidate => ({ kind: 'owner', ownerId });
const eta = (seq = 1, first = true): FoldCandidate => ({ kind: 'eta', seq, first });
const fold = (living: LivingAck, again = false): FoldDecision => ({ fold: true, again, living });
const post = (reason: Extract<FoldDecision, { fold: false }>['reason']): FoldDecision => ({ fold: false, reason });

describe('decideFold', () => {
  it.each<[string, LivingAck | undefined, number | undefined, FoldCandidate, number, FoldDecision]>([
    // The owner.
    ['the owner claims 4 minutes after the acknowledgement', FRESH, undefined, owner(), ACKED + 4 * MINUTE, fold(WITH_OWNER)],
    ['the owner claims the very moment it was posted', FRESH, undefined, owner(), ACKED, fold(WITH_OWNER)],
    ['the owner claims exactly at the end of the window', FRESH, undefined, owner(), ACKED + LIVING_ACK_WINDOW_MS, fold(WITH_OWNER)],
    ['the owner claims a millisecond after the window', FRESH, undefined, owner(), ACKED + LIVING_ACK_WINDOW_MS + 1, post('window_passed')],
    ['the owner claims the next day', FRESH, undefined, owner(), ACKED + 24 * 60 * MINUTE, post('window_passed')],
    ['an instance whose clock is a little behind decides', FRESH, undefined, owner(), ACKED - 2_000, fold(WITH_OWNER)],
    ['the acknowledgement was not posted (given up on, or an old request)', undefined, undefined, owner(), ACKED + MINUTE, post('no_ack')],
    ['the client wrote in the thread since', FRESH, ACKED + MINUTE, owner(), ACKED + 2 * MINUTE, post('thread_moved_on')],
    ['something else was posted the moment the acknowledgement was', FRESH, ACKED, owner(), ACKED + MINUTE, post('thread_moved_on')],
    ['the request is reassigned within the window', WITH_OWNER, undefined, owner('U0LEAD'), ACKED + 3 * MINUTE, post('owner_told')],
    ['the owner comes after the ETA was told in it', WITH_ETA, undefined, owner(), ACKED + 3 * MINUTE, post('after_eta')],
    // A retry of a fold recorded before: the same edit again, whatever came since.
    ['the owner fold is retried', WITH_OWNER, undefined, owner(), ACKED + MINUTE, fold(WITH_OWNER, true)],
    ['the owner fold is retried after the window', WITH_OWNER, undefined, owner(), ACKED + 60 * MINUTE, fold(WITH_OWNER, true)],
    ['the owner fold is retried after the client wrote', WITH_OWNER, ACKED + 2 * MINUTE, owner(), ACKED + 3 * MINUTE, fold(WITH_OWNER, true)],
    // The ETA.
    ['the first ETA comes after the owner, within the window', WITH_OWNER, undefined, eta(), ACKED + 7 * MINUTE, fold(WITH_BOTH)],
    ['the first ETA comes before anyone owns it', FRESH, undefined, eta(), ACKED + 7 * MINUTE, fold(WITH_ETA)],
    ['the first ETA comes after the window', WITH_OWNER, undefined, eta(), ACKED + 11 * MINUTE, post('window_passed')],
    ['the first ETA comes after a consultant replied in the thread', WITH_OWNER, ACKED + 5 * MINUTE, eta(), ACKED + 7 * MINUTE, post('thread_moved_on')],
    ['a revised ETA (not a first one)', WITH_OWNER, undefined, eta(2, false), ACKED + 8 * MINUTE, post('not_first_eta')],
    ['a second first ETA (the first was withdrawn)', WITH_BOTH, undefined, eta(2), ACKED + 8 * MINUTE, post('not_first_eta')],
    ['the ETA fold is retried', WITH_BOTH, undefined, eta(1), ACKED + 9 * MINUTE, fold(WITH_BOTH, true)],
    ['the ETA fold is retried after the window', WITH_BOTH, ACKED + 20 * MINUTE, eta(1), ACKED + 30 * MINUTE, fold(WITH_BOTH, true)],
    ['the acknowledgement was not posted when the ETA comes', undefined, undefined, eta(), ACKED + MINUTE, post('no_ack')],
  ])('when %s, then it is decided as written', (_label, living, movedOnAt, candidate, now, expected) => {
    const request = { ...(living ? { living } : {}), ...(movedOnAt === undefined ? {} : { ackMovedOnAt: movedOnAt }) };
    expect(decideFold(request, candidate, now)).toEqual(expected);
  });

  it('when anything folds, then the record keeps when the acknowledgement was posted and what it promised', () => {
    for (const candidate of [owner(), eta()]) {
      const decision = decideFold({ living: FRESH }, candidate, ACKED + MINUTE);
      expect(decision.fold && decision.living).toMatchObject({ at: ACKED, promisedAt: PROMISED });
    }
  });
});

describe('movesOnNow', () => {
  it.each<[string, LivingAck | undefined, number | undefined, number, boolean]>([
    ['a post within the window, nothing moved on yet', FRESH, undefined, ACKED + 5 * MINUTE, true],
    ['a post after folds, within the window', WITH_BOTH, undefined, ACKED + 9 * MINUTE, true],
    ['a post after the window (no fold can come any more)', FRESH, undefined, ACKED + 11 * MINUTE, false],
    ['a second post (moved on already)', FRESH, ACKED + MINUTE, ACKED + 2 * MINUTE, false],
    ['before the acknowledgement was posted', undefined, undefined, ACKED, false],
  ])('when %s, then it is %s that the moving on is recorded', (_label, living, movedOnAt, now, expected) => {
    const request = { ...(living ? { living } : {}), ...(movedOnAt === undefined ? {} : { ackMovedOnAt: movedOnAt }) };
    expect(movesOnNow(request, now)).toBe(expected);
  });
});

describe('withoutFold', () => {
  it.each<[string, LivingAck, FoldCandidate, LivingAck]>([
    ['the owner taken back, the ETA kept', WITH_BOTH, owner(), WITH_ETA],
    ['the ETA taken back, the owner kept', WITH_BOTH, eta(), WITH_OWNER],
    ['the only fold taken back', WITH_OWNER, owner(), FRESH],
  ])('when %s, then the record says so', (_label, living, candidate, expected) => {
    expect(withoutFold(living, candidate)).toEqual(expected);
  });
});
