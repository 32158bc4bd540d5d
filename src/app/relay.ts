/**
 * The relay: hands on what a change promised. A change records its intents in the same atomic
 * write as itself (see RequestStore.update); the relay then puts them in the outbox (job ids are
 * deterministic, so handing on twice queues once), plans the request's timers from its state (or
 * cancels them when it is closed), refreshes its card and the Home views that show it, and only
 * then settles. The process that wrote a change relays it at once; a crash in between leaves the
 * request in the relay set, and any instance's sweep relays it later.
 */
import { isClosed } from '../domain/lifecycle';
import type { TrackedRequest } from '../domain/request';
import type { ChannelSettings } from '../domain/settings';
import type { Deps } from './deps';
import { CREATED_RELAY_GEN } from './ports';
import { refreshHomes } from './status/app-home';

export type RelayDeps = Pick<Deps, 'relay' | 'requests' | 'outbox' | 'timers' | 'settings' | 'homeViewers' | 'teamLeads' | 'clientLine'>;

/** What the caller already holds, so that the relay does not read or do it again. */
export interface RelayHints {
  /** The request's channel settings, read by the caller for this change. */
  settings?: ChannelSettings;
  /** The request was created just now, by this process: its creation planned its first timer. */
  created?: boolean;
}

/** Relays one request's recorded change. `alsoFor`: others whose Home showed it (a previous owner). */
export async function relay(deps: RelayDeps, teamId: string, requestId: string, alsoFor: Array<string | undefined> = [], hints: RelayHints = {}): Promise<void> {
  // Another change came while relaying (its own relay may have finished first, and this one may
  // have planned the older state's timers after it): relay again from what is there now.
  for (let round = 0; round < 3; round++) {
    if (await relayOnce(deps, teamId, requestId, alsoFor, hints)) return;
  }
}

async function relayOnce(deps: RelayDeps, teamId: string, requestId: string, alsoFor: Array<string | undefined>, hints: RelayHints): Promise<boolean> {
  const pending = await deps.relay.pending(teamId, requestId);
  const { request } = pending;
  const lineDone: Array<Promise<void>> = [];
  for (const { intent } of pending.intents) {
    if (intent.kind === 'ack' && request && acknowledgedWhole(request)) {
      // Posted and :eyes: added at once: no job needed. Its place in the client's line is done, as
      // its job would have marked it (before the settle below, which forgets the intent).
      if (intent.order !== undefined) {
        const done = deps.clientLine.markDone(teamId, requestId, intent.order);
        // Awaited with the timers below; until then a failure must not go unhandled (an outbox
        // add failing first would leave it so).
        done.catch(() => undefined);
        lineDone.push(done);
      }
      continue;
    }
    await deps.outbox.add(intent);
  }
  // The creation planned its timers; a change that came since (its own relay may have died before
  // planning, or this is a round after one) is planned for here: any such change raised the generation.
  const inStep = pending.generation === CREATED_RELAY_GEN ? hints : { ...hints, created: false };
  await Promise.all([...lineDone, request ? bringInStep(deps, request, alsoFor, inStep) : undefined]);
  return deps.relay.settle(teamId, requestId, pending);
}

/** The request's timers, card and Home views, in step with its state. */
async function bringInStep(deps: RelayDeps, request: TrackedRequest, alsoFor: Array<string | undefined>, hints: RelayHints): Promise<void> {
  const { teamId, id: requestId } = request;
  const settings = hints.settings ?? (await deps.settings.forChannel(teamId, request.channelId));
  if (isClosed(request.state)) {
    await deps.timers.cancelAll(teamId, requestId);
  } else if (!hints.created) {
    await deps.timers.plan(request, settings);
  }
  // A card exists, or one is wanted: without a triage channel there is nothing to post or update.
  if (request.cardTs || settings.triageChannelId) await deps.outbox.add({ kind: 'card', teamId, requestId, revision: request.revision });
  await refreshHomes(deps, teamId, [request.ownerId, ...alsoFor]);
}

/** The acknowledgement was posted and :eyes: added, and no dismissal is there to take them back. */
const acknowledgedWhole = (request: TrackedRequest) => request.ackTs !== undefined && request.eyesAt !== undefined && request.state !== 'dismissed';

/**
 * Relays what was left behind: requests marked longer than `staleMs` ago (a process died between
 * its write and its relay, or is still at it: relaying twice is harmless). Returns how many.
 */
export async function sweepRelay(deps: RelayDeps & Pick<Deps, 'host' | 'log'>, staleMs: number, batch = 100): Promise<number> {
  const ids = await deps.relay.stale(deps.host.teamId, staleMs, batch);
  for (const id of ids) {
    try {
      await relay(deps, deps.host.teamId, id);
    } catch (error) {
      deps.log.warn({ requestId: id, err: error }, 'relay of a left-behind change failed; the next sweep retries');
    }
  }
  if (ids.length > 0) deps.log.warn({ count: ids.length }, 'relayed changes that a stopped or slow process left behind');
  return ids.length;
}
