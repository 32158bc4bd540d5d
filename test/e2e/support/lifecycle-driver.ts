/**
 * Drives a request through its lifecycle as Slack would: events, button clicks and modal
 * submissions over signed HTTP, reading back what the emulator saw. Shared by the lifecycle tests.
 */
import { blockAction, eventEnvelope, messageEvent, reactionAddedEvent, viewSubmission } from '../../support/builders';
import { BOT_USER, dmChannelId } from '../../support/slack-emulator/fixtures';
import type { RecordedCall } from '../../support/slack-emulator';
import { Channels, type Harness, tsNow } from '../harness';

export const dm = (user: string) => dmChannelId(user);

/** A request id as a button's value in blocks JSON (also escaped once more, as in a call's args). */
export const REQUEST_ID_VALUE = /\\?"value\\?":\\?"(R[0-9a-f]+-\d+)/;

/** The request id on the buttons of blocks (the card's). */
export function requestIdIn(blocks: unknown): string | undefined {
  return REQUEST_ID_VALUE.exec(JSON.stringify(blocks ?? []))?.[1];
}

/** Every request a card lists (a batch card lists several), once each, in order. */
export function requestIdsIn(blocks: unknown): string[] {
  const all = new RegExp(REQUEST_ID_VALUE.source, 'g');
  return [...new Set(Array.from(JSON.stringify(blocks ?? []).matchAll(all), (m) => m[1] as string))];
}

const textOf = (call: RecordedCall) => String(call.args.text ?? '');
const blocksOf = (call: RecordedCall) => JSON.stringify(call.args.blocks ?? []);

export function lifecycleDriver(h: Harness) {
  const posts = (filter: (call: RecordedCall) => boolean) => h.slack.callsTo('chat.postMessage', filter);
  /** Where the request's card was posted in the triage channel (its buttons may be gone since). */
  const cardOf = (requestId: string) => {
    const card = posts((c) => c.args.channel === Channels.triage && c.args.thread_ts === undefined && requestIdIn(c.args.blocks) === requestId)[0];
    const ts = (card?.response as { ts?: string } | undefined)?.ts;
    return ts ? { channel: Channels.triage, ts, text: textOf(card as RecordedCall) } : undefined;
  };

  return {
    /** A new client request in the shared channel; its thread ts and request id (from the card). */
    async newRequest(text: string, client = h.newClient(), cardShows = text) {
      // Posted at the app's now, which a test may have moved ahead of real time.
      const ts = tsNow(h.now());
      await h.send.event(eventEnvelope(messageEvent({ channel: Channels.shared, user: client, user_team: 'T0CLIENT', text, ts }), { isExtSharedChannel: true }));
      const card = await h.slack.waitForCall(
        'chat.postMessage',
        (c) => c.args.channel === Channels.triage && c.args.thread_ts === undefined && blocksOf(c).includes(cardShows),
      );
      await h.idle();
      const requestId = requestIdIn(card.args.blocks);
      if (!requestId) throw new Error(`no request id on the card: ${blocksOf(card)}`);
      return { ts, requestId, client };
    },

    /**
     * What the client reads in their thread from the app now, oldest first: the acknowledgement as
     * edited since (the owner and the first ETA may be told in it), then the posts after it.
     */
    clientThread: (ts: string) =>
      h.slack
        .messagesIn(Channels.shared, ts)
        .filter((m) => m.user === BOT_USER && m.ts !== ts)
        .map((m) => m.text),

    /** Texts of the posts the app made in the client's thread (edits not shown), oldest first. */
    clientPosts: (ts: string) => posts((c) => c.args.channel === Channels.shared && c.args.thread_ts === ts).map(textOf),

    /** Messages the app posted in a user's DM, oldest first. */
    dmsTo: (user: string) => posts((c) => c.args.channel === dm(user)),

    /** The last DM to `user` whose text matches. */
    lastDm(user: string, pattern: RegExp): RecordedCall {
      const found = posts((c) => c.args.channel === dm(user) && pattern.test(textOf(c))).at(-1);
      if (!found) throw new Error(`no DM to ${user} matching ${pattern}; DMs: ${JSON.stringify(posts((c) => c.args.channel === dm(user)).map(textOf))}`);
      return found;
    },

    /** A click on a button of a message the app posted: `on` (a DM prompt…), by default the request's card. */
    async click(user: string, actionId: string, requestId: string, on?: { channel: string; ts: string; text?: string; blocks?: unknown[] }) {
      const where = on ?? cardOf(requestId);
      const res = await h.send.interaction(
        blockAction({
          user,
          actionId,
          value: requestId,
          channel: where?.channel ?? Channels.triage,
          ...(where ? { message: { ts: where.ts, text: where.text ?? '', ...('blocks' in where && where.blocks ? { blocks: where.blocks } : {}) } } : {}),
        }),
      );
      if (res.status !== 200) throw new Error(`click answered ${res.status}`);
      await h.idle();
    },

    /** Clicks a button on a posted message (the ts comes from the emulator's answer). */
    async clickOn(call: RecordedCall, user: string, actionId: string, requestId: string) {
      const answer = call.response as { ts?: string; channel?: string } | undefined;
      if (!answer?.ts) throw new Error('the call has no ts in its answer');
      await this.click(user, actionId, requestId, { channel: answer.channel ?? String(call.args.channel), ts: answer.ts, text: textOf(call) });
    },

    /** Submits a modal; returns Slack's view of the response (errors when the modal stays open). */
    async submit(user: string, callbackId: string, requestId: string, values: Record<string, Record<string, unknown>>) {
      const res = await h.send.interaction(viewSubmission({ user, callbackId, values, privateMetadata: JSON.stringify({ requestId }) }));
      const body = res.body ? (JSON.parse(res.body) as { response_action?: string; errors?: Record<string, string> }) : {};
      await h.idle();
      return { status: res.status, ...body };
    },

    async threadReply(user: string, threadTs: string, text: string, userTeam?: string) {
      const ts = tsNow(h.now());
      await h.send.event(
        eventEnvelope(messageEvent({ channel: Channels.shared, user, text, ts, thread_ts: threadTs, ...(userTeam ? { user_team: userTeam } : {}) }), {
          isExtSharedChannel: true,
        }),
      );
      await h.idle();
      return ts;
    },

    async react(user: string, reaction: string, channel: string, ts: string) {
      await h.send.event(eventEnvelope(reactionAddedEvent({ user, reaction, channel, ts }), { isExtSharedChannel: channel === Channels.shared }));
      await h.idle();
    },

    /** The last views.open call (the modal the app opened). */
    lastModal() {
      const call = h.slack.callsTo('views.open').at(-1);
      if (!call) throw new Error('no modal was opened');
      const view = typeof call.args.view === 'string' ? JSON.parse(call.args.view) : call.args.view;
      return view as { callback_id: string; blocks: unknown[]; private_metadata: string };
    },
  };
}

/** `YYYY-MM-DD` of an instant in Europe/Helsinki. */
export function helsinkiDate(at: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
