/**
 * Many new requests at once in one triage channel: their cards are coalesced into batch cards
 * instead of queueing one card a second behind Slack's pace (the emulator enforces it here, and
 * the app paces itself at one post a second per channel, as in production). Every request is on
 * exactly one card, recorded as its card, and the buttons of a batch card act on their own request.
 */
import { eventEnvelope, blockAction, messageEvent } from '../support/builders';
import type { StoredMessage } from '../support/slack-emulator/types';
import { Channels, type Harness, Users, startHarness, tsNow } from './harness';

const TEAM = 'T0HOST';
let h: Harness;
let channelCounter = 0;

beforeAll(async () => {
  h = await startHarness({ name: 'card-batches', channelIntervalMs: 1000, channelPace: { perSecond: 1, burst: 3 } });
});
afterAll(() => h.stop());
beforeEach(async () => {
  await h.idle(30_000);
  h.slack.reset();
});

/** The request ids a card's buttons carry, in order, once each. */
const idsOn = (card: StoredMessage): string[] => [...new Set(Array.from(JSON.stringify(card.blocks ?? []).matchAll(/"value":"(R[0-9a-f-]+)"/g), (m) => m[1] as string))];
/** The cards in the triage channel as Slack holds them now (whatever the answers to the posts said). */
const cards = () => h.slack.messagesIn(Channels.triage).filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts);

/** `count` new requests at once, each in a client channel of its own (so the acknowledgements are not paced). */
async function burst(count: number, label: string): Promise<string[]> {
  const sent = Array.from({ length: count }, () => {
    const channel = `C0BURST${++channelCounter}`;
    h.slack.addChannel({ id: channel, name: `acme-${channelCounter}`, is_ext_shared: true, is_shared: true, is_private: false });
    return { channel, ts: tsNow(), user: h.newClient() };
  });
  await Promise.all(
    sent.map(({ channel, ts, user }, i) =>
      h.send.event(eventEnvelope(messageEvent({ channel, user, user_team: 'T0CLIENT', text: `${label} ${i}: the export fails`, ts }), { isExtSharedChannel: true })),
    ),
  );
  const ids: string[] = [];
  for (const { channel, ts } of sent) {
    const deadline = Date.now() + 10_000;
    let id: string | undefined;
    while (!(id = await h.store.findByMessage(TEAM, channel, ts)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    if (!id) throw new Error(`no request for ${channel}/${ts}`);
    ids.push(id);
  }
  return ids;
}

/** Waits until every request has its card recorded (and the queues are idle). */
async function allCarded(ids: string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (const id of ids) {
    while (!(await h.request(id)).cardTs) {
      if (Date.now() > deadline) throw new Error(`${id} has no card after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await h.idle(30_000);
}

/** Each request on exactly one posted card, and that card recorded as its card. */
async function expectEachOnExactlyOneCard(ids: string[]): Promise<StoredMessage[]> {
  const posted = cards();
  for (const id of ids) {
    const on = posted.filter((c) => idsOn(c).includes(id));
    expect({ id, cards: on.length }).toEqual({ id, cards: 1 });
    const request = await h.request(id);
    expect({ id, channel: request.cardChannelId, ts: request.cardTs }).toEqual({ id, channel: Channels.triage, ts: on[0]?.ts });
  }
  return posted;
}

const click = (actionId: string, requestId: string, cardTs: string, user = Users.consultant) =>
  h.send.interaction(blockAction({ user, actionId, value: requestId, channel: Channels.triage, message: { ts: cardTs } }));

/** The card at `ts` as Slack shows it now. */
const latestCard = (ts: string): string => JSON.stringify(h.slack.message(Channels.triage, ts)?.blocks ?? []);

/** The part of a batch card about one request: from its section to the next divider. */
function partFor(cardJson: string, requestId: string): string {
  const blocks = JSON.parse(cardJson) as Array<{ type: string; block_id?: string; text?: { text: string } }>;
  const actionsAt = blocks.findIndex((b) => b.block_id === `batch_card_actions_${requestId}`);
  const start = actionsAt >= 0 ? actionsAt - 1 : -1;
  return start >= 0 ? JSON.stringify(blocks.slice(start, actionsAt + 1)) : '';
}

describe('cards of a burst of new requests', () => {
  it('when 12 requests arrive at once, then far fewer than 12 cards are posted and each request is on exactly one of them', async () => {
    const ids = await burst(12, 'Burst');
    await allCarded(ids);
    const posted = await expectEachOnExactlyOneCard(ids);
    // One card a request would be 12; Slack's pace lets a batch form for every slot the burst takes.
    expect(posted.length).toBeLessThanOrEqual(6);
    expect(posted.some((c) => idsOn(c).length > 1)).toBe(true);
    expect(h.slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.triage && c.ok)).toHaveLength(posted.length);
    // Slack's pace was kept: no post of ours met a 429.
    expect(h.slack.callsTo('chat.postMessage', (c) => c.status === 429)).toHaveLength(0);
    for (const card of posted) expect(card.text).toMatch(/^(\d+ new client requests|New client request): /);
  });

  it('when [Claim] is clicked on a batch card, then that request is claimed and the card shows its owner, the others still unowned', async () => {
    const ids = await burst(5, 'Claim');
    await allCarded(ids);
    const batchCard = cards().find((c) => idsOn(c).length > 1) as StoredMessage;
    expect(batchCard).toBeDefined();
    const [other, target] = idsOn(batchCard) as [string, string];
    const cardTs = batchCard.ts;
    const before = cards().length;

    expect((await click('request_claim', target, cardTs)).status).toBe(200);
    await h.slack.waitForCall('chat.postEphemeral', (c) => c.args.user === Users.consultant && /You own this request/.test(String(c.args.text)));
    await h.idle(30_000);
    expect((await h.request(target)).ownerId).toBe(Users.consultant);
    expect((await h.request(other)).ownerId).toBeUndefined();
    const card = latestCard(cardTs);
    expect(partFor(card, target)).toContain('<@U0AINO>');
    expect(partFor(card, target)).not.toContain('request_claim');
    expect(partFor(card, other)).toContain('request_claim');
    // Still the same cards: nothing was posted again in the triage channel.
    expect(cards()).toHaveLength(before);
  });

  it('when [Not a request] is clicked on a batch card, then only that request is dismissed', async () => {
    const ids = await burst(4, 'Dismiss');
    await allCarded(ids);
    const batchCard = cards().find((c) => idsOn(c).length > 1) as StoredMessage;
    const [target, ...others] = idsOn(batchCard) as [string, ...string[]];
    const cardTs = batchCard.ts;

    expect((await click('request_dismiss', target, cardTs)).status).toBe(200);
    const deadline = Date.now() + 10_000;
    while ((await h.request(target)).state !== 'dismissed' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await h.idle(30_000);
    expect((await h.request(target)).state).toBe('dismissed');
    for (const id of others) expect((await h.request(id)).state).toBe('open');
    const card = latestCard(cardTs);
    expect(card).toContain('Dismissed by <@U0AINO>');
    expect(card).not.toContain(`batch_card_actions_${target}`);
    for (const id of others) expect(card).toContain(`batch_card_actions_${id}`);
  });

  it('when a button of one request is clicked on a batch card it is not on, then it is refused', async () => {
    const ids = await burst(12, 'Origin'); // more than a card lists: at least two cards
    await allCarded(ids);
    const batchCard = cards().find((c) => idsOn(c).length > 1) as StoredMessage;
    const stranger = ids.find((id) => !idsOn(batchCard).includes(id)) as string;
    await click('request_claim', stranger, batchCard.ts);
    await h.slack.waitForCall('chat.postEphemeral', (c) => c.args.user === Users.consultant && /not on that request's current card/.test(String(c.args.text)));
    await h.idle(30_000);
    expect((await h.request(stranger)).ownerId).toBeUndefined();
  });

  it.each([
    ['the post is applied but Slack answers an error', { kind: 'applied_but_failed' as const, error: 'internal_error' }],
    ['the post lands after Slack answered 503', { kind: 'lands_later' as const, delayMs: 300, status: 503 as const }],
  ])('when %s for a batch card, then the retry finds it: it is posted once and every request has it', async (_label, fault) => {
    // The first card that lists several requests (a batch) meets the fault.
    const isBatch = (args: Record<string, unknown>) => args.channel === Channels.triage && idsOn({ blocks: args.blocks as unknown[] } as StoredMessage).length > 1;
    h.slack.failNext('chat.postMessage', fault, 1, isBatch);
    const ids = await burst(6, `Fault ${fault.kind}`);
    await allCarded(ids);
    const posted = await expectEachOnExactlyOneCard(ids);
    const keys = posted.map((c) => String(c.metadata?.event_payload.delivery_key));
    expect(new Set(keys).size).toBe(keys.length);
    const faulted = h.slack.callsTo('chat.postMessage', (c) => c.fault?.kind === fault.kind);
    expect(faulted).toHaveLength(1);
    // The fault met a batch card (it lists several requests), and that card is in the channel once.
    const faultedIds = idsOn({ blocks: faulted[0]?.args.blocks as unknown[] } as StoredMessage);
    expect(faultedIds.length).toBeGreaterThan(1);
    expect(posted.filter((c) => idsOn(c).join() === faultedIds.join())).toHaveLength(1);
    expect(posted.length).toBeLessThan(6);
  });
});
