/**
 * The one way a use case moves a request through the state machine: read, let the domain decide,
 * write guarded by the state that was read (another instance may have moved it meanwhile; then
 * decide again). Afterwards `reflectChange` keeps the timers and the triage card in step.
 */
import { type RequestCommand, type TransitionRejection, isClosed, transition } from '../../domain/lifecycle';
import type { RequestEvent, TrackedRequest } from '../../domain/request';
import type { ChannelSettings } from '../../domain/settings';
import { mention } from '../../slack/blocks/mrkdwn';
import type { Deps } from '../deps';
import { type ErrorCode, KuittausError } from '../errors/kuittaus-error';
import type { RequestPatch } from '../ports';
import { refreshHomes } from '../status/app-home';

const REJECTION_CODES: Record<TransitionRejection, ErrorCode> = {
  ALREADY_DISMISSED: 'REQUEST_ALREADY_DISMISSED',
  ALREADY_RESOLVED: 'REQUEST_ALREADY_RESOLVED',
  NOT_RESOLVED: 'REQUEST_NOT_RESOLVED',
  ALREADY_OWNED: 'REQUEST_ALREADY_OWNED',
  NOT_OWNED: 'REQUEST_NOT_OWNED',
  ALREADY_WAITING: 'REQUEST_ALREADY_WAITING',
};

export interface Changed {
  before: TrackedRequest;
  after: TrackedRequest;
}

export async function loadRequest(deps: Pick<Deps, 'requests'>, teamId: string, requestId: string): Promise<TrackedRequest> {
  const request = await deps.requests.get(teamId, requestId);
  if (!request) throw new KuittausError('REQUEST_NOT_FOUND');
  return request;
}

/**
 * Applies `command` (or, with `command` undefined, only the patch to a live request) and appends
 * `event`. Throws KuittausError with the rejection's code when the state machine refuses.
 */
export async function applyCommand(
  deps: Pick<Deps, 'requests'>,
  teamId: string,
  requestId: string,
  command: RequestCommand | undefined,
  change: (before: TrackedRequest) => { patch?: RequestPatch; event: RequestEvent },
): Promise<Changed> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await loadRequest(deps, teamId, requestId);
    let patch: RequestPatch;
    const { patch: extra = {}, event } = change(before);
    if (command) {
      const decided = transition(before.state, command, before.ownerId !== undefined);
      if (!decided.ok) throw rejection(decided.reason, before);
      patch = { ...extra, state: decided.state };
    } else {
      if (isClosed(before.state)) {
        throw rejection(before.state === 'dismissed' ? 'ALREADY_DISMISSED' : 'ALREADY_RESOLVED', before);
      }
      patch = extra;
    }
    const after = await deps.requests.update(teamId, requestId, patch, event, [before.state]);
    if (after) return { before, after };
  }
  throw new Error(`request ${requestId} kept changing; gave up after 5 attempts`);
}

function rejection(reason: TransitionRejection, request: TrackedRequest): KuittausError {
  const details: Record<string, string> = request.ownerId ? { owner: mention(request.ownerId) } : {};
  return new KuittausError(REJECTION_CODES[reason], `${reason} (${request.id} is ${request.state})`, details);
}

/** After a change: timers planned anew (or cancelled when closed) and the card brought up to date. */
export async function reflectChange(
  deps: Pick<Deps, 'timers' | 'outbox' | 'settings' | 'homeViewers' | 'teamLeads'>,
  request: TrackedRequest,
  settings?: ChannelSettings,
  /** Others whose Home showed the request (a previous owner). */
  alsoFor: Array<string | undefined> = [],
): Promise<void> {
  if (isClosed(request.state)) {
    await deps.timers.cancelAll(request.teamId, request.id);
  } else {
    await deps.timers.plan(request, settings ?? (await deps.settings.forChannel(request.teamId, request.channelId)));
  }
  await deps.outbox.add({ kind: 'card', teamId: request.teamId, requestId: request.id, revision: request.revision });
  await refreshHomes(deps, request.teamId, [request.ownerId, ...alsoFor]);
}
