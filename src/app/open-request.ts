/** Turns a client message into a tracked request (or joins it to the client's last one). */
import { planFirstUpdate } from '../domain/acknowledgement';
import { detectPriority } from '../domain/classifier';
import { type RequestTrigger, type TrackedRequest, excerptOf } from '../domain/request';
import type { ChannelSettings } from '../domain/settings';
import type { MessageFacts, UserFacts } from '../domain/spotting-types';
import type { Deps } from './deps';
import { autoAssign } from './lifecycle/owning';
import { type CreateOutcome, type Intent, draftRequest } from './ports';
import { onCallToAlert } from '../domain/on-call';
import { relay } from './relay';
import { refreshHomes } from './status/app-home';
import { NEW_REQUEST_ID } from './ports';

export interface OpenRequestInput {
  teamId: string;
  message: MessageFacts;
  author: UserFacts;
  settings: ChannelSettings;
  trigger: RequestTrigger;
  actorId?: string;
  /** The message's intake job is held for this process (app/receive-message), which may let it go. */
  heldIntake?: boolean;
}

/** `heldLetGo`: the held intake job was let go with the acknowledgement's record (see AtOnce.acknowledge). */
export type OpenOutcome = CreateOutcome & { heldLetGo?: true };

/** Slack ts ("1700000000.000100") → epoch ms. */
export const tsToMs = (ts: string) => Math.round(Number(ts) * 1000);

export async function openRequest(
  deps: Deps,
  input: OpenRequestInput,
): Promise<OpenOutcome> {
  const { teamId, message, author, settings, trigger } = input;
  const createdAt = tsToMs(message.ts);
  // A queued message carries the urgency of its whole text, and only an excerpt of it.
  const priority = message.priority ?? detectPriority(message.text);
  const plan = planFirstUpdate(createdAt, priority, settings);
  const fields = {
    teamId,
    channelId: message.channelId,
    ts: message.ts,
    ...(isReply(message) ? { threadTs: message.threadTs } : {}),
    clientUserId: author.id,
    clientName: author.greetingName,
    ...(author.tz ? { clientTz: author.tz } : {}),
    excerpt: excerptOf(message.text),
    priority,
    trigger,
    createdAt,
    nextUpdateDueAt: plan.nextUpdateDueAt,
    ...(input.actorId ? { actorId: input.actorId } : {}),
  };
  // Its first timer is planned by the write that creates it (the relay finds it planned).
  const timer = deps.timers.first(draftRequest(fields), settings);
  // The acknowledgement, and the on-call people's alert (urgent, out of hours), are promised in the
  // same write that creates the request.
  const intents: Intent[] = [
    ...(settings.autoAcknowledge ? [{ kind: 'ack' as const, teamId, requestId: NEW_REQUEST_ID }] : []),
    ...onCallToAlert(priority, createdAt, settings).map((userId) => ({ kind: 'on_call' as const, teamId, requestId: NEW_REQUEST_ID, userId })),
  ];
  // The acknowledgement's slot and attempt are taken by the same write, so that it is posted right after.
  const ackSlot = settings.autoAcknowledge && deps.atOnce ? deps.atOnce.claim(teamId) : undefined;
  const result = await deps.requests.createOrJoin(
    { ...fields, ...(timer ? { timer } : {}), ...(ackSlot ? { ackSlot } : {}) },
    // Manual triggers always open their own request.
    trigger === 'auto' ? settings.continuationWindowMs : 0,
    intents,
  );

  if (result.outcome === 'duplicate') {
    deps.log.debug({ requestId: result.requestId, channel: message.channelId, ts: message.ts }, 'already tracked');
    // Whatever its first handling left undone is in the relay; a default owner may still be missing.
    await relay(deps, teamId, result.requestId);
    const existing = await deps.requests.get(teamId, result.requestId);
    if (existing) await linkThread(deps, existing);
    if (existing && existing.ts === message.ts && !existing.ownerId && existing.state === 'open' && settings.defaultOwnerIds.length > 0) {
      await autoAssign(deps, existing, settings.defaultOwnerIds);
    }
    return result;
  }
  const { request } = result;
  // The client hears from us first; the timers, the card and Home follow (the intent stays the fallback).
  const slot = result.outcome === 'created' && ackSlot && result.ackSlot !== undefined ? { waitMs: result.ackSlot, since: ackSlot.since } : undefined;
  // Once the acknowledgement is recorded, a crash leaves nothing of the intake to redo (the relay's
  // sweep hands on what the creation promised) unless a default owner or a thread link follows.
  const letGo = input.heldIntake === true && !request.threadTs && settings.defaultOwnerIds.length === 0;
  const atOnce = result.outcome === 'created' && settings.autoAcknowledge && deps.atOnce ? await deps.atOnce.acknowledge(request, settings, slot, letGo) : 'not_posted';
  if (result.outcome === 'created') await linkThread(deps, request);
  deps.log.info({ requestId: request.id, channel: request.channelId, outcome: result.outcome, priority, trigger }, 'request tracked');
  const rest = async () => {
    // Relayed by the acknowledgement's own record: what is left of the relay are the Home views
    // of the team leads (not kept for a crash: the Home tab is drawn afresh when opened).
    if (atOnce === 'relayed') await refreshHomes(deps, teamId, []);
    else await relay(deps, teamId, request.id, [], { settings, created: result.outcome === 'created' });
    if (result.outcome === 'created' && settings.defaultOwnerIds.length > 0) await autoAssign(deps, request, settings.defaultOwnerIds);
  };
  // Behind the other relays only when the client has heard from us and no one else must hear now
  // (an acknowledgement left to its job, or an on-call alert, is handed on at once).
  const mayWait = atOnce !== 'not_posted' && !intents.some((intent) => intent.kind === 'on_call');
  await (deps.atOnce && mayWait ? deps.atOnce.afterwards(rest) : rest());
  return letGo && atOnce !== 'not_posted' ? { ...result, heldLetGo: true } : result;
}

const isReply = (message: MessageFacts): message is MessageFacts & { threadTs: string } =>
  message.threadTs !== undefined && message.threadTs !== message.ts;

/**
 * A request that is a reply (a client's @mention in someone else's thread): later messages in that
 * thread belong to it, unless the thread's parent is tracked itself. Safe to repeat.
 */
async function linkThread(deps: Deps, request: TrackedRequest): Promise<void> {
  if (!request.threadTs) return;
  if ((await deps.requests.findByMessage(request.teamId, request.channelId, request.threadTs)) !== undefined) return;
  await deps.requests.linkMessage(request.teamId, request.channelId, request.threadTs, request.id);
}
