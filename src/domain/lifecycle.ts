/**
 * The request state machine: which command may move a request from which state, and where to.
 *
 *   open ── claim | assign ──▶ in_progress ⇄ waiting_on_client   (wait_on_client ⇄ client_replied)
 *   open | in_progress | waiting_on_client ── resolve ──▶ resolved ── reopen ──▶ in_progress | open
 *   open | in_progress | waiting_on_client ── dismiss ──▶ dismissed (terminal)
 *
 * `open` means nobody owns the request and `in_progress` that someone does; ownership itself is
 * the caller's data, so `hasOwner` says whether the request has an owner before the command.
 * Rules, checked in this order:
 * - `dismissed` is terminal: every command is refused with ALREADY_DISMISSED.
 * - `resolved` refuses everything but `reopen` with ALREADY_RESOLVED; `reopen` goes to
 *   `in_progress` when the request has an owner, else to `open`. Reopening anything that is not
 *   resolved is NOT_RESOLVED.
 * - `claim` takes a request nobody owns (ALREADY_OWNED otherwise; `assign` is how to take over);
 *   `assign` sets or replaces the owner. Both move `open` to `in_progress` and keep the other states.
 * - `wait_on_client` needs an owner (NOT_OWNED), and is ALREADY_WAITING when it already waits.
 * - `client_replied` ends the wait (back to `in_progress`, or `open` when nobody owns it) and
 *   changes nothing in `open` or `in_progress`.
 * - `resolve` and `dismiss` close any live request, owned or not.
 */
import type { RequestState } from './request';

export const REQUEST_STATES: readonly RequestState[] = ['open', 'in_progress', 'waiting_on_client', 'resolved', 'dismissed'];

/** States in which nothing is due any more: no reminders, no escalations, no prompts. */
export const CLOSED_STATES: readonly RequestState[] = ['resolved', 'dismissed'];

export type RequestCommand =
  | { type: 'claim'; ownerId: string }
  | { type: 'assign'; ownerId: string }
  | { type: 'wait_on_client' }
  | { type: 'client_replied' }
  | { type: 'resolve' }
  | { type: 'reopen' }
  | { type: 'dismiss' };

export type RequestCommandType = RequestCommand['type'];

/** Stable codes for a refused transition; the app turns them into friendly messages. */
export type TransitionRejection =
  | 'ALREADY_DISMISSED'
  | 'ALREADY_RESOLVED'
  | 'NOT_RESOLVED'
  | 'ALREADY_OWNED'
  | 'NOT_OWNED'
  | 'ALREADY_WAITING';

export type TransitionResult = { ok: true; state: RequestState } | { ok: false; reason: TransitionRejection };

export function isClosed(state: RequestState): boolean {
  return CLOSED_STATES.includes(state);
}

export function transition(state: RequestState, command: RequestCommand, hasOwner: boolean): TransitionResult {
  const to = (next: RequestState): TransitionResult => ({ ok: true, state: next });
  const refuse = (reason: TransitionRejection): TransitionResult => ({ ok: false, reason });

  if (state === 'dismissed') return refuse('ALREADY_DISMISSED');
  if (command.type === 'reopen') {
    if (state !== 'resolved') return refuse('NOT_RESOLVED');
    return to(hasOwner ? 'in_progress' : 'open');
  }
  if (state === 'resolved') return refuse('ALREADY_RESOLVED');

  switch (command.type) {
    case 'claim':
      if (hasOwner) return refuse('ALREADY_OWNED');
      return to(state === 'open' ? 'in_progress' : state);
    case 'assign':
      return to(state === 'open' ? 'in_progress' : state);
    case 'wait_on_client':
      if (state === 'waiting_on_client') return refuse('ALREADY_WAITING');
      if (!hasOwner) return refuse('NOT_OWNED');
      return to('waiting_on_client');
    case 'client_replied':
      if (state !== 'waiting_on_client') return to(state);
      return to(hasOwner ? 'in_progress' : 'open');
    case 'resolve':
      return to('resolved');
    case 'dismiss':
      return to('dismissed');
  }
}
