import { type BatchBook, MAX_BATCH, batchStep, placeInBatch, sealBatch } from '../../../src/domain/card-batch';

const emptyBook = (): BatchBook => ({ seq: 0, members: new Map(), sealed: new Set() });
const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `R${from + i}`);

describe('placeInBatch', () => {
  it('when requests wait while nothing is sealed, then the first drives a batch and the next join it up to the limit', () => {
    const book = emptyBook();
    const places = ids(MAX_BATCH + 2).map((id) => placeInBatch(book, id));
    expect(places.map((p) => p.batch)).toEqual([...Array(MAX_BATCH).fill(1), 2, 2]);
    expect(places.map((p) => p.driver)).toEqual([true, ...Array(MAX_BATCH - 1).fill(false), true, false]);
    expect(book.members.get(1)).toEqual(ids(MAX_BATCH));
    expect(book.members.get(2)).toEqual(['R11', 'R12']);
  });

  it('when the open batch is sealed (its slot came), then the next request starts a new batch', () => {
    const book = emptyBook();
    placeInBatch(book, 'R1');
    placeInBatch(book, 'R2');
    expect(sealBatch(book, 1)).toEqual(['R1', 'R2']);
    expect(placeInBatch(book, 'R3')).toEqual({ batch: 2, driver: true });
    expect(book.members.get(1)).toEqual(['R1', 'R2']);
  });

  it('when a request asks again (its job retried), then it gets the same place and joins nothing twice', () => {
    const book = emptyBook();
    placeInBatch(book, 'R1');
    placeInBatch(book, 'R2');
    expect(placeInBatch(book, 'R2')).toEqual({ batch: 1, driver: false });
    expect(placeInBatch(book, 'R1')).toEqual({ batch: 1, driver: true });
    expect(book.members.get(1)).toEqual(['R1', 'R2']);
  });

  it.each([1, 2, 3])('when the limit is %d, then no batch has more members', (max) => {
    const book = emptyBook();
    for (const id of ids(7)) placeInBatch(book, id, max);
    for (const members of book.members.values()) expect(members.length).toBeLessThanOrEqual(max);
    expect([...book.members.values()].flat()).toEqual(ids(7));
  });
});

describe('batchStep', () => {
  const timing = { recheckMs: 3_000, takeoverMs: 30_000 };
  it.each<[string, Parameters<typeof batchStep>[0], ReturnType<typeof batchStep>]>([
    ['posted already', { batch: 1, driver: false, postedTs: '1.2', dueInMs: 0 }, { kind: 'record', ts: '1.2' }],
    ['posted, for the driver too', { batch: 1, driver: true, postedTs: '1.2' }, { kind: 'record', ts: '1.2' }],
    ['the driver', { batch: 1, driver: true, dueInMs: 5_000 }, { kind: 'post' }],
    ['a member before the slot', { batch: 1, driver: false, dueInMs: 5_000 }, { kind: 'wait', ms: 8_000 }],
    ['a member just after the slot', { batch: 1, driver: false, dueInMs: -1_000 }, { kind: 'wait', ms: 3_000 }],
    ['a member close to taking over', { batch: 1, driver: false, dueInMs: -29_000 }, { kind: 'wait', ms: 1_000 }],
    ['a member of a long overdue batch', { batch: 1, driver: false, dueInMs: -30_000 }, { kind: 'post' }],
    ['a member of a batch with no slot known', { batch: 1, driver: false }, { kind: 'wait', ms: 3_000 }],
  ])('when the request is %s, then the step is as expected', (_label, membership, expected) => {
    expect(batchStep(membership, timing)).toEqual(expected);
  });
});
