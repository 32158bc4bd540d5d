/**
 * The held intake job of a message handled at once is let go with the acknowledgement's record,
 * in the same tick (so in the same auto-pipelined write), when nothing of the intake is left for a
 * crash to redo; when a default owner or a thread link still follows the acknowledgement, or the
 * message came through its job, the intake lets go of it as before, once it is done.
 */
import type { Deps } from '../../../src/app/deps';
import { type OpenRequestInput, openRequest } from '../../../src/app/open-request';
import type { AckAtOnce, AtOnce, CreateOutcome, NewRequest } from '../../../src/app/ports';
import type { TrackedRequest } from '../../../src/domain/request';
import type { ChannelSettings } from '../../../src/domain/settings';
import { acknowledgerAtOnce } from '../../../src/slack/delivery/acknowledgement';
import { ALWAYS_OPEN_SETTINGS } from '../../support/channel-settings';

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const TS = `${T0 / 1000}.000100`;

const request = (extra: Partial<TrackedRequest> = {}): TrackedRequest => ({
  id: 'R1', teamId: 'T0HOST', channelId: 'C0SHARED', ts: TS, joinedTs: [], clientUserId: 'U0C1', clientName: 'Maria',
  excerpt: 'Export fails', priority: 'normal', state: 'open', trigger: 'auto', createdAt: T0,
  nextUpdateDueAt: T0 + 3_600_000, revision: 1, updateCount: 0, ...extra,
});

describe('openRequest, for a message whose intake job is held', () => {
  /** Opens a request with an acknowledger that answers `answer`; what it was asked to let go. */
  async function open(o: { settings?: Partial<ChannelSettings>; threadTs?: string; held?: boolean; answer?: AckAtOnce }) {
    const asked: Array<boolean | undefined> = [];
    const atOnce: AtOnce = {
      fallbackMs: 3_000,
      claim: () => ({ deliveryKey: 'ack_T0HOST_new', spacingMs: 1_000, since: T0, ttlSeconds: 60 }),
      acknowledge: async (_r, _s, _slot, letGo) => {
        asked.push(letGo);
        return o.answer ?? 'relayed';
      },
      // What follows the acknowledgement (relay, default owner) is not this test's.
      afterwards: async () => undefined,
    };
    const created = request(o.threadTs ? { threadTs: o.threadTs } : {});
    const deps = {
      atOnce,
      timers: { first: () => undefined },
      requests: {
        createOrJoin: async (_input: NewRequest): Promise<CreateOutcome> => ({ outcome: 'created', request: created, ackSlot: 0 }),
        findByMessage: async () => 'R0PARENT',
      },
      // The relay, which runs at once when the acknowledgement was not posted.
      relay: { pending: async () => ({ generation: '1', intents: [], request: created }), settle: async () => true },
      outbox: { add: async () => undefined },
      homeViewers: { has: async () => false },
      teamLeads: [],
      log: { info: () => undefined, debug: () => undefined },
    } as unknown as Deps;
    const input: OpenRequestInput = {
      teamId: 'T0HOST',
      message: { channelId: 'C0SHARED', ts: TS, text: 'Export fails', userId: 'U0C1', ...(o.threadTs ? { threadTs: o.threadTs } : {}) } as OpenRequestInput['message'],
      author: { id: 'U0C1', greetingName: 'Maria' } as OpenRequestInput['author'],
      settings: { ...ALWAYS_OPEN_SETTINGS, ...o.settings },
      trigger: 'auto',
      ...(o.held === false ? {} : { heldIntake: true }),
    };
    const outcome = await openRequest(deps, input);
    return { asked, heldLetGo: 'heldLetGo' in outcome };
  }

  type Case = [string, boolean, Parameters<typeof open>[0]];
  it.each<Case>([
    ['nothing follows the acknowledgement', true, {}],
    ['a default owner is assigned after it', false, { settings: { defaultOwnerIds: ['U0AINO'] } }],
    ["the request is a reply in someone else's thread (linked after it)", false, { threadTs: `${T0 / 1000 - 60}.000100` }],
    ['the message came through its intake job (nothing held)', false, { held: false }],
  ])('when %s, then the held intake is let go with the record: %p', async (_case, letGo, o) => {
    const { asked, heldLetGo } = await open(o);
    expect(asked).toEqual([letGo]);
    expect(heldLetGo).toBe(letGo);
  });

  it('when the acknowledgement is not posted at once, then the intake still holds its job (and lets go of it itself)', async () => {
    const { asked, heldLetGo } = await open({ answer: 'not_posted' });
    expect(asked).toEqual([true]);
    expect(heldLetGo).toBe(false);
  });
});

describe('the acknowledgement at once', () => {
  /** Acknowledges with the record held open until released; what was sent before it was answered. */
  async function acknowledge(letGo: boolean) {
    const sent: string[] = [];
    let answerRecord: () => void = () => undefined;
    const deps = {
      clock: { now: () => T0 + 2_000 },
      settings: { forChannel: async () => ALWAYS_OPEN_SETTINGS },
      poster: {
        postOnce: async () => '1790000000.000200',
        addReaction: async () => undefined,
      },
      requests: {
        record: () => {
          sent.push('record');
          return new Promise((resolve) => {
            answerRecord = () => resolve(true);
          });
        },
      },
      relay: { settleAcknowledged: async () => (sent.push('settle'), true) },
      intake: { handled: async () => void sent.push('let go') },
      log: { info: () => undefined, debug: () => undefined },
    } as unknown as Deps;
    const answer = acknowledgerAtOnce(deps, 3_000).acknowledge(request(), ALWAYS_OPEN_SETTINGS, { waitMs: 0, since: T0 + 1_000 }, letGo);
    // Everything of the record's round trip is sent before Redis answers the record.
    await new Promise((resolve) => setImmediate(resolve));
    const beforeAnswer = [...sent];
    answerRecord();
    return { beforeAnswer, sent, answer: await answer };
  }

  it('when asked to let go, then the held intake is let go together with the record, once', async () => {
    const { beforeAnswer, sent, answer } = await acknowledge(true);
    expect(beforeAnswer).toEqual(['record', 'settle', 'let go']);
    expect(sent).toEqual(['record', 'settle', 'let go']);
    expect(answer).toBe('relayed');
  });

  it('when not asked, then it is left to the intake', async () => {
    const { sent, answer } = await acknowledge(false);
    expect(sent).toEqual(['record', 'settle']);
    expect(answer).toBe('relayed');
  });
});
