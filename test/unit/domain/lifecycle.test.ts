import { REQUEST_STATES, isClosed, transition } from '../../../src/domain/lifecycle';
import type { RequestCommand, RequestCommandType, TransitionRejection } from '../../../src/domain/lifecycle';
import type { RequestState } from '../../../src/domain/request';

type Outcome = RequestState | TransitionRejection;

const COMMANDS: Record<RequestCommandType, RequestCommand> = {
  claim: { type: 'claim', ownerId: 'U_AINO' },
  assign: { type: 'assign', ownerId: 'U_MIKKO' },
  wait_on_client: { type: 'wait_on_client' },
  client_replied: { type: 'client_replied' },
  resolve: { type: 'resolve' },
  reopen: { type: 'reopen' },
  dismiss: { type: 'dismiss' },
};

/**
 * Every (state × command) pair, as [without an owner, with an owner]. Lower case is the new
 * state; upper case the rejection code. `open` with an owner and `in_progress` without one do not
 * happen in practice; they are here so that the rules stay total.
 */
const EXPECTED: Record<RequestState, Record<RequestCommandType, [Outcome, Outcome]>> = {
  open: {
    claim: ['in_progress', 'ALREADY_OWNED'],
    assign: ['in_progress', 'in_progress'],
    wait_on_client: ['NOT_OWNED', 'waiting_on_client'],
    client_replied: ['open', 'open'],
    resolve: ['resolved', 'resolved'],
    reopen: ['NOT_RESOLVED', 'NOT_RESOLVED'],
    dismiss: ['dismissed', 'dismissed'],
  },
  in_progress: {
    claim: ['in_progress', 'ALREADY_OWNED'],
    assign: ['in_progress', 'in_progress'],
    wait_on_client: ['NOT_OWNED', 'waiting_on_client'],
    client_replied: ['in_progress', 'in_progress'],
    resolve: ['resolved', 'resolved'],
    reopen: ['NOT_RESOLVED', 'NOT_RESOLVED'],
    dismiss: ['dismissed', 'dismissed'],
  },
  waiting_on_client: {
    claim: ['waiting_on_client', 'ALREADY_OWNED'],
    assign: ['waiting_on_client', 'waiting_on_client'],
    wait_on_client: ['ALREADY_WAITING', 'ALREADY_WAITING'],
    client_replied: ['open', 'in_progress'],
    resolve: ['resolved', 'resolved'],
    reopen: ['NOT_RESOLVED', 'NOT_RESOLVED'],
    dismiss: ['dismissed', 'dismissed'],
  },
  resolved: {
    claim: ['ALREADY_RESOLVED', 'ALREADY_RESOLVED'],
    assign: ['ALREADY_RESOLVED', 'ALREADY_RESOLVED'],
    wait_on_client: ['ALREADY_RESOLVED', 'ALREADY_RESOLVED'],
    client_replied: ['ALREADY_RESOLVED', 'ALREADY_RESOLVED'],
    resolve: ['ALREADY_RESOLVED', 'ALREADY_RESOLVED'],
    reopen: ['open', 'in_progress'],
    dismiss: ['ALREADY_RESOLVED', 'ALREADY_RESOLVED'],
  },
  dismissed: {
    claim: ['ALREADY_DISMISSED', 'ALREADY_DISMISSED'],
    assign: ['ALREADY_DISMISSED', 'ALREADY_DISMISSED'],
    wait_on_client: ['ALREADY_DISMISSED', 'ALREADY_DISMISSED'],
    client_replied: ['ALREADY_DISMISSED', 'ALREADY_DISMISSED'],
    resolve: ['ALREADY_DISMISSED', 'ALREADY_DISMISSED'],
    reopen: ['ALREADY_DISMISSED', 'ALREADY_DISMISSED'],
    dismiss: ['ALREADY_DISMISSED', 'ALREADY_DISMISSED'],
  },
};

const isState = (outcome: Outcome): outcome is RequestState => (REQUEST_STATES as readonly string[]).includes(outcome);

const rows: [RequestState, RequestCommandType, string, Outcome, boolean][] = REQUEST_STATES.flatMap((state) =>
  (Object.keys(COMMANDS) as RequestCommandType[]).flatMap((command) =>
    ([false, true] as const).map((hasOwner): [RequestState, RequestCommandType, string, Outcome, boolean] => [
      state,
      command,
      hasOwner ? 'an owner' : 'no owner',
      EXPECTED[state][command][hasOwner ? 1 : 0],
      hasOwner,
    ]),
  ),
);

describe('transition', () => {
  it('when the table is built, then it covers every state, command and ownership', () => {
    expect(rows).toHaveLength(5 * 7 * 2);
  });

  it.each(rows)('when %s gets %s with %s, then the outcome is %s', (state, command, _owner, expected, hasOwner) => {
    const result = transition(state, COMMANDS[command], hasOwner);
    expect(result).toEqual(isState(expected) ? { ok: true, state: expected } : { ok: false, reason: expected });
  });
});

describe('a request walking through its life', () => {
  it('when it is claimed, waits, hears back, is resolved and reopened, then each step lands where expected', () => {
    const steps: [RequestCommand, boolean, RequestState][] = [
      [COMMANDS.claim, false, 'in_progress'],
      [COMMANDS.wait_on_client, true, 'waiting_on_client'],
      [COMMANDS.client_replied, true, 'in_progress'],
      [COMMANDS.assign, true, 'in_progress'],
      [COMMANDS.resolve, true, 'resolved'],
      [COMMANDS.reopen, true, 'in_progress'],
      [COMMANDS.dismiss, true, 'dismissed'],
    ];
    let state: RequestState = 'open';
    for (const [command, hasOwner, expected] of steps) {
      const result = transition(state, command, hasOwner);
      expect(result).toEqual({ ok: true, state: expected });
      if (result.ok) state = result.state;
    }
  });
});

describe('isClosed', () => {
  it.each<[RequestState, boolean]>([
    ['open', false],
    ['in_progress', false],
    ['waiting_on_client', false],
    ['resolved', true],
    ['dismissed', true],
  ])('when the state is %s, then closed is %s', (state, expected) => {
    expect(isClosed(state)).toBe(expected);
  });
});
