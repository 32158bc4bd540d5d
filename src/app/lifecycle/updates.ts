/**
 * Client-visible updates: the owner's own words ([Post update]), the one-click "still on it",
 * an ETA set or revised, and any message an internal user writes in the request thread. Each
 * resets the cadence: the next update is due one cadence (in business time) after this one.
 */
import { nextUpdateDue } from '../../domain/cadence';
import { etaMissed } from '../../domain/eta';
import { movesOnNow } from '../../domain/living-ack';
import type { TrackedRequest } from '../../domain/request';
import type { ClientUpdate } from '../../jobs/job-schemas';
import type { Deps } from '../deps';
import { assertInternal } from '../assert-internal';
import type { RequestPatch } from '../ports';
import { applyCommand, loadRequest } from './apply-command';

export interface EtaInput {
  /** Epoch ms; undefined means "not known yet". */
  etaAt: number | undefined;
  reason?: string | undefined;
}

/** [Set ETA] / [Change ETA] / [Revise ETA]: the client sees the estimate (and the old one, and why). */
export async function setEta(deps: Deps, teamId: string, requestId: string, actorId: string, eta: EtaInput): Promise<TrackedRequest> {
  return postClientUpdate(deps, teamId, requestId, actorId, eta, (before, nextUpdateDueAt, missedEta) => ({
    type: 'eta',
    nextUpdateDueAt,
    ...(eta.etaAt !== undefined ? { etaAt: eta.etaAt } : {}),
    ...(before.etaAt !== undefined ? { previousEtaAt: before.etaAt } : {}),
    ...(missedEta !== undefined ? { missedEta } : {}),
    ...(eta.reason ? { reason: eta.reason } : {}),
  }));
}

/**
 * [Post update]: the owner's text, optionally with a new ETA (`eta.etaAt`), or with none yet
 * (`eta` given, `etaAt` undefined: the ETA in force is withdrawn). Once the ETA in force has
 * passed, the update says so (`missedEta`); the modal asks for one of the two then.
 */
export async function postUpdate(
  deps: Deps,
  teamId: string,
  requestId: string,
  actorId: string,
  text: string,
  eta?: { etaAt: number | undefined },
): Promise<TrackedRequest> {
  const newEtaAt = eta?.etaAt;
  return postClientUpdate(deps, teamId, requestId, actorId, eta, (before, nextUpdateDueAt, missedEta) => ({
    type: 'text',
    text,
    nextUpdateDueAt,
    ...(newEtaAt !== undefined ? { etaAt: newEtaAt } : {}),
    ...(newEtaAt !== undefined && before.etaAt !== undefined ? { previousEtaAt: before.etaAt } : {}),
    ...(missedEta !== undefined && eta ? { missedEta } : {}),
  }));
}

/**
 * [Still on it, no news]: an honest templated update, one click. Once the ETA has passed it also
 * owns the slip ("we missed our estimate of …; a new one comes by the next update"); the missed
 * estimate stays on the card, flagged, until the owner gives a new one.
 */
export async function stillOnIt(deps: Deps, teamId: string, requestId: string, actorId: string): Promise<TrackedRequest> {
  return postClientUpdate(deps, teamId, requestId, actorId, undefined, (_before, nextUpdateDueAt, missedEta) => ({
    type: 'still_on_it',
    ...(missedEta !== undefined ? { missedEta } : {}),
    nextUpdateDueAt,
  }));
}

async function postClientUpdate(
  deps: Deps,
  teamId: string,
  requestId: string,
  actorId: string,
  eta: EtaInput | undefined,
  /** `missedEta`: the ETA in force, when it has passed (see ../../domain/eta etaMissed). */
  render: (before: TrackedRequest, nextUpdateDueAt: number, missedEta: number | undefined) => ClientUpdate,
): Promise<TrackedRequest> {
  await assertInternal(deps, teamId, actorId);
  const now = deps.clock.now();
  const current = await loadRequest(deps, teamId, requestId);
  const settings = await deps.settings.forChannel(teamId, current.channelId);
  let update: ClientUpdate | undefined;
  const { after } = await applyCommand(deps, teamId, requestId, undefined, (before) => {
    const nextUpdateDueAt = nextUpdateDue(now, before.priority, settings);
    const missedEta = before.etaAt !== undefined && etaMissed(before.etaAt, now, false) ? before.etaAt : undefined;
    update = render(before, nextUpdateDueAt, missedEta);
    const patch: RequestPatch = { lastUpdateAt: now, nextUpdateDueAt, countUpdate: true };
    const data: Record<string, string | number | boolean> = { kind: update.type, dueAt: before.nextUpdateDueAt };
    if (eta) {
      patch.etaAt = eta.etaAt ?? null;
      if (eta.etaAt !== undefined) data.etaAt = eta.etaAt;
      if (before.etaAt !== undefined) data.previousEtaAt = before.etaAt;
      if (eta.reason) data.reason = eta.reason;
      if (missedEta !== undefined) data.missedEta = missedEta;
      if (eta.etaAt !== undefined && before.etaAt !== undefined && eta.etaAt > before.etaAt) {
        patch.etaSlips = (before.etaSlips ?? 0) + 1;
      }
    }
    if (update.type === 'still_on_it' && update.missedEta !== undefined) data.missedEta = update.missedEta;
    const type = update.type === 'eta' ? 'eta_set' : 'update_posted';
    // Numbered by the count read; the write holds only while nobody else counted one meanwhile.
    const intent = { kind: 'client_update' as const, teamId, requestId, seq: before.updateCount + 1, update };
    return { patch, event: { type, at: now, actorId, data }, intents: [intent], numbersUpdate: true };
  });
  deps.log.info({ requestId, kind: update?.type, seq: after.updateCount }, 'client update recorded');
  return after;
}

/** Any message an internal user writes in the request thread counts as an update. */
export async function recordThreadUpdate(deps: Deps, request: TrackedRequest, authorId: string, ts: string): Promise<void> {
  const settings = await deps.settings.forChannel(request.teamId, request.channelId);
  const now = deps.clock.now();
  const nextUpdateDueAt = nextUpdateDue(now, request.priority, settings);
  await applyCommand(deps, request.teamId, request.id, undefined, (before) => ({
    // Below the acknowledgement now: it is edited no more (see ../../domain/living-ack).
    patch: { lastUpdateAt: now, nextUpdateDueAt, ...(movesOnNow(before, now) ? { ackMovedOnAt: now } : {}) },
    event: { type: 'update_posted', at: now, actorId: authorId, data: { via: 'thread', ts, dueAt: before.nextUpdateDueAt } },
  }));
  deps.log.info({ requestId: request.id, via: 'thread' }, 'update recorded');
}
