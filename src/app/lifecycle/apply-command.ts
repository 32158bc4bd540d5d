/**
 * The one way a use case moves a request through the state machine: read, let the domain decide,
 * write the change and what it promises (intents) in one step, guarded by the state that was read
 * (another instance may have moved it meanwhile; then decide again), and relay it at once: the
 * intents to the outbox, the timers, the card and Home views in step (see ../relay).
 */
import { type RequestCommand, type TransitionRejection, isClosed, transition } from '../../domain/lifecycle';
import type { RequestEvent, TrackedRequest } from '../../domain/request';
import { mention } from '../../slack/blocks/mrkdwn';
import type { Deps } from '../deps';
import { type ErrorCode, KuittausError } from '../errors/kuittaus-error';
import type { Intent, RequestPatch } from '../ports';
import { type RelayDeps, relay } from '../relay';

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

export interface Change {
  patch?: RequestPatch;
  event: RequestEvent;
  /** What the change promises to tell whom; recorded with it. */
  intents?: Intent[];
  /** The intents number an update by the count read (the write then requires it unchanged). */
  numbersUpdate?: boolean;
  /** Others whose Home showed the request before the change (a previous owner). */
  alsoFor?: Array<string | undefined>;
}

/**
 * Applies `command` (or, with `command` undefined, only the patch to a live request), appends
 * `event` and records `intents`, in one write; then relays it. Throws KuittausError with the
 * rejection's code when the state machine refuses.
 */
export async function applyCommand(
  deps: Pick<Deps, 'requests'> & RelayDeps,
  teamId: string,
  requestId: string,
  command: RequestCommand | undefined,
  change: (before: TrackedRequest) => Change,
): Promise<Changed> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await loadRequest(deps, teamId, requestId);
    let patch: RequestPatch;
    const { patch: extra = {}, event, intents = [], numbersUpdate = false, alsoFor = [] } = change(before);
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
    const guard = numbersUpdate ? { states: [before.state], updateCount: before.updateCount } : [before.state];
    const after = await deps.requests.update(teamId, requestId, patch, event, guard, { intents, relay: true });
    if (after) {
      await relay(deps, teamId, requestId, alsoFor);
      return { before, after };
    }
  }
  throw new Error(`request ${requestId} kept changing; gave up after 5 attempts`);
}

/** Throws the friendly error when the state machine would refuse `command` now (a modal is not opened for nothing). */
export function assertAllowed(request: TrackedRequest, command: RequestCommand): void {
  const decided = transition(request.state, command, request.ownerId !== undefined);
  if (!decided.ok) throw rejection(decided.reason, request);
}

function rejection(reason: TransitionRejection, request: TrackedRequest): KuittausError {
  const details: Record<string, string> = request.ownerId ? { owner: mention(request.ownerId) } : {};
  return new KuittausError(REJECTION_CODES[reason], `${reason} (${request.id} is ${request.state})`, details);
}
