/** Turns a client message into a tracked request (or joins it to the client's last one). */
import { planFirstUpdate } from '../domain/acknowledgement';
import { detectPriority } from '../domain/classifier';
import { type RequestTrigger, excerptOf } from '../domain/request';
import type { ChannelSettings } from '../domain/settings';
import type { MessageFacts, UserFacts } from '../domain/spotting-types';
import type { Deps } from './deps';
import { autoAssign } from './lifecycle/owning';
import type { CreateOutcome } from './ports';

export interface OpenRequestInput {
  teamId: string;
  message: MessageFacts;
  author: UserFacts;
  settings: ChannelSettings;
  trigger: RequestTrigger;
  actorId?: string;
}

/** Slack ts ("1700000000.000100") → epoch ms. */
export const tsToMs = (ts: string) => Math.round(Number(ts) * 1000);

export async function openRequest(
  deps: Deps,
  input: OpenRequestInput,
): Promise<CreateOutcome> {
  const { teamId, message, author, settings, trigger } = input;
  const createdAt = tsToMs(message.ts);
  const priority = detectPriority(message.text);
  const plan = planFirstUpdate(createdAt, priority, settings);
  const result = await deps.requests.createOrJoin(
    {
      teamId,
      channelId: message.channelId,
      ts: message.ts,
      clientUserId: author.id,
      clientName: author.greetingName,
      excerpt: excerptOf(message.text),
      priority,
      trigger,
      createdAt,
      nextUpdateDueAt: plan.nextUpdateDueAt,
      ...(input.actorId ? { actorId: input.actorId } : {}),
    },
    // Manual triggers always open their own request.
    trigger === 'auto' ? settings.continuationWindowMs : 0,
  );

  if (result.outcome === 'duplicate') {
    deps.log.debug({ requestId: result.requestId, channel: message.channelId, ts: message.ts }, 'already tracked');
    // A crash may have come between creating the request and queueing its messages: queue them
    // again (their job ids are deterministic and the jobs skip what is already done).
    const existing = await deps.requests.get(teamId, result.requestId);
    if (existing && existing.ts === message.ts && existing.state !== 'dismissed') {
      if (settings.autoAcknowledge && !existing.ackTs) {
        await deps.outbox.add({ kind: 'ack', teamId, requestId: existing.id });
      }
      if (!existing.cardTs) await deps.outbox.add({ kind: 'card', teamId, requestId: existing.id, revision: existing.revision });
      await deps.timers.plan(existing, settings);
      if (!existing.ownerId && existing.state === 'open' && settings.defaultOwnerIds.length > 0) {
        await autoAssign(deps, existing, settings.defaultOwnerIds);
      }
    }
    return result;
  }
  const { request } = result;
  deps.log.info({ requestId: request.id, channel: request.channelId, outcome: result.outcome, priority, trigger }, 'request tracked');
  if (result.outcome === 'created' && settings.autoAcknowledge) {
    await deps.outbox.add({ kind: 'ack', teamId, requestId: request.id });
  }
  await deps.outbox.add({ kind: 'card', teamId, requestId: request.id, revision: request.revision });
  if (result.outcome === 'created') {
    await deps.timers.plan(request, settings);
    if (settings.defaultOwnerIds.length > 0) await autoAssign(deps, request, settings.defaultOwnerIds);
  }
  return result;
}
