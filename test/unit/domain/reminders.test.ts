import { decideReminder } from '../../../src/domain/reminders';
import type { ReminderAction, ReminderDecision, ReminderJob, ReminderKind, ReminderSkipReason, ReminderSubject } from '../../../src/domain/reminders';
import type { RequestState } from '../../../src/domain/request';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** The update is due at 11:00 and the ETA is 16:00 on Mon 2025-11-24, Helsinki time. */
const DUE = Date.parse('2025-11-24T11:00+02:00');
const ETA = Date.parse('2025-11-24T16:00+02:00');
/** The wait on the client began at 10:00 that morning (the nudge kinds are about it). */
const SINCE = Date.parse('2025-11-24T10:00+02:00');

const request = (over: Partial<ReminderSubject> = {}): ReminderSubject => ({
  state: 'in_progress',
  nextUpdateDueAt: DUE,
  etaAt: ETA,
  ownerId: 'U_AINO',
  waitingSince: SINCE,
  ...over,
});
const unowned = { state: 'open', ownerId: undefined } as const;

/** Each kind's job, fired when it would normally fire. */
const FIRED: Record<ReminderKind, { job: ReminderJob; now: number }> = {
  reminder: { job: { kind: 'reminder', dueAt: DUE }, now: DUE - 15 * MINUTE },
  escalation: { job: { kind: 'escalation', dueAt: DUE }, now: DUE + 30 * MINUTE },
  on_track: { job: { kind: 'on_track', dueAt: ETA }, now: ETA - 2 * HOUR },
  eta_missed: { job: { kind: 'eta_missed', dueAt: ETA }, now: ETA },
  client_nudge: { job: { kind: 'client_nudge', dueAt: SINCE }, now: SINCE + 2 * 24 * HOUR },
  owner_nudge: { job: { kind: 'owner_nudge', dueAt: SINCE }, now: SINCE + 4 * 24 * HOUR },
};

const act = (action: ReminderAction): ReminderDecision => ({ action });
const skip = (reason: ReminderSkipReason): ReminderDecision => ({ action: 'skip', reason });

describe('decideReminder by state', () => {
  /** [owned, unowned] per state and kind; a fresh job fired on time. */
  const EXPECTED: Record<RequestState, Record<ReminderKind, [ReminderDecision, ReminderDecision]>> = {
    open: {
      reminder: [act('remind_owner'), act('remind_triage')],
      escalation: [act('escalate'), act('escalate')],
      on_track: [act('prompt_on_track'), skip('no_owner')],
      eta_missed: [act('flag_eta_missed'), act('flag_eta_missed')],
      client_nudge: [skip('not_waiting'), skip('not_waiting')],
      owner_nudge: [skip('not_waiting'), skip('not_waiting')],
    },
    in_progress: {
      reminder: [act('remind_owner'), act('remind_triage')],
      escalation: [act('escalate'), act('escalate')],
      on_track: [act('prompt_on_track'), skip('no_owner')],
      eta_missed: [act('flag_eta_missed'), act('flag_eta_missed')],
      client_nudge: [skip('not_waiting'), skip('not_waiting')],
      owner_nudge: [skip('not_waiting'), skip('not_waiting')],
    },
    waiting_on_client: {
      reminder: [skip('waiting_on_client'), skip('waiting_on_client')],
      escalation: [skip('waiting_on_client'), skip('waiting_on_client')],
      on_track: [skip('waiting_on_client'), skip('waiting_on_client')],
      eta_missed: [skip('waiting_on_client'), skip('waiting_on_client')],
      client_nudge: [act('nudge_client'), act('nudge_client')],
      owner_nudge: [act('nudge_owner'), skip('no_owner')],
    },
    resolved: {
      reminder: [skip('closed'), skip('closed')],
      escalation: [skip('closed'), skip('closed')],
      on_track: [skip('closed'), skip('closed')],
      eta_missed: [skip('closed'), skip('closed')],
      client_nudge: [skip('closed'), skip('closed')],
      owner_nudge: [skip('closed'), skip('closed')],
    },
    dismissed: {
      reminder: [skip('closed'), skip('closed')],
      escalation: [skip('closed'), skip('closed')],
      on_track: [skip('closed'), skip('closed')],
      eta_missed: [skip('closed'), skip('closed')],
      client_nudge: [skip('closed'), skip('closed')],
      owner_nudge: [skip('closed'), skip('closed')],
    },
  };
  const rows = (Object.keys(EXPECTED) as RequestState[]).flatMap((state) =>
    (Object.keys(FIRED) as ReminderKind[]).flatMap((kind) =>
      ([true, false] as const).map((owned) => [kind, state, owned ? 'an owner' : 'no owner', owned, EXPECTED[state][kind][owned ? 0 : 1]] as const),
    ),
  );

  it('when the table is built, then it covers every state, kind and ownership', () => {
    expect(rows).toHaveLength(5 * 6 * 2);
  });

  it.each(rows)('when a %s job fires for a request %s with %s, then the decision is as expected', (kind, state, _label, owned, expected) => {
    const { job, now } = FIRED[kind];
    const subject = request({ state, ...(owned ? {} : { ownerId: undefined }) });
    expect(decideReminder(job, subject, now)).toEqual(expected);
  });
});

describe('decideReminder for stale, repeated and mistimed jobs', () => {
  it.each<[string, ReminderKind, Partial<ReminderSubject>, number | undefined, ReminderDecision]>([
    // Update reminders
    ['an update came and the due time moved later', 'reminder', { nextUpdateDueAt: DUE + 4 * HOUR }, undefined, skip('due_time_moved')],
    ['the priority was raised and the due time moved earlier', 'reminder', { nextUpdateDueAt: DUE - 30 * MINUTE }, undefined, skip('due_time_moved')],
    ['this due time was already reminded (a retried job)', 'reminder', { remindedFor: DUE }, undefined, skip('already_reminded')],
    ['only an earlier due time was reminded', 'reminder', { remindedFor: DUE - 4 * HOUR }, undefined, act('remind_owner')],
    ['this due time was escalated but not reminded', 'reminder', { escalatedFor: DUE }, undefined, act('remind_owner')],
    ['the reminder fires late, after the due time', 'reminder', {}, DUE + 5 * MINUTE, act('remind_owner')],
    ['the reminder fires after the escalation time', 'reminder', {}, DUE + HOUR, act('remind_owner')],
    ['an unowned request was already reminded in triage', 'reminder', { ...unowned, remindedFor: DUE }, undefined, skip('already_reminded')],
    ['the owner id is empty', 'reminder', { ownerId: '' }, undefined, act('remind_triage')],
    ['the request has no ETA', 'reminder', { etaAt: undefined }, undefined, act('remind_owner')],
    // Escalations
    ['an update came before the escalation', 'escalation', { nextUpdateDueAt: DUE + 4 * HOUR }, undefined, skip('due_time_moved')],
    ['this due time was already escalated', 'escalation', { escalatedFor: DUE }, undefined, skip('already_escalated')],
    ['this due time was reminded but not escalated', 'escalation', { remindedFor: DUE }, undefined, act('escalate')],
    ['only an earlier due time was escalated', 'escalation', { escalatedFor: DUE - 4 * HOUR }, undefined, act('escalate')],
    ['the escalation fires before the due time', 'escalation', {}, DUE - 1, skip('not_yet_due')],
    ['the escalation fires exactly at the due time', 'escalation', {}, DUE, act('escalate')],
    ['the escalation fires long after', 'escalation', {}, DUE + 3 * HOUR, act('escalate')],
    ['already escalated and fired early (repeat wins)', 'escalation', { escalatedFor: DUE }, DUE - HOUR, skip('already_escalated')],
    // On-track prompts
    ['the ETA was cleared', 'on_track', { etaAt: undefined }, undefined, skip('no_eta')],
    ['the ETA was revised', 'on_track', { etaAt: ETA + 2 * HOUR }, undefined, skip('eta_changed')],
    ['this ETA was already asked about', 'on_track', { onTrackPromptedFor: ETA }, undefined, skip('already_prompted')],
    ['only the previous ETA was asked about', 'on_track', { onTrackPromptedFor: ETA - 2 * HOUR }, undefined, act('prompt_on_track')],
    ['the prompt fires a millisecond before the ETA', 'on_track', {}, ETA - 1, act('prompt_on_track')],
    ['the prompt fires at the ETA', 'on_track', {}, ETA, skip('eta_passed')],
    ['the prompt fires after the ETA', 'on_track', {}, ETA + HOUR, skip('eta_passed')],
    ['the update due time moved (irrelevant to the ETA)', 'on_track', { nextUpdateDueAt: DUE + 4 * HOUR }, undefined, act('prompt_on_track')],
    ['the update was already reminded (irrelevant to the ETA)', 'on_track', { remindedFor: DUE }, undefined, act('prompt_on_track')],
    // Missed ETAs
    ['the ETA was cleared before it passed', 'eta_missed', { etaAt: undefined }, undefined, skip('no_eta')],
    ['the ETA was revised before it passed', 'eta_missed', { etaAt: ETA + 2 * HOUR }, undefined, skip('eta_changed')],
    ['the ETA was pulled in earlier', 'eta_missed', { etaAt: ETA - HOUR }, undefined, skip('eta_changed')],
    ['this ETA was already flagged', 'eta_missed', { etaMissFlaggedFor: ETA }, undefined, skip('already_flagged')],
    ['only the previous ETA was flagged', 'eta_missed', { etaMissFlaggedFor: ETA - 2 * HOUR }, undefined, act('flag_eta_missed')],
    ['the flag job fires before the ETA', 'eta_missed', {}, ETA - 1, skip('not_yet_due')],
    ['the flag job fires long after the ETA', 'eta_missed', {}, ETA + 24 * HOUR, act('flag_eta_missed')],
    ['the update due time moved (irrelevant to the ETA)', 'eta_missed', { nextUpdateDueAt: DUE + 4 * HOUR }, undefined, act('flag_eta_missed')],
    ['this ETA was asked about on track (still flagged)', 'eta_missed', { onTrackPromptedFor: ETA }, undefined, act('flag_eta_missed')],
  ])('when %s (%s job), then the decision is as expected', (_label, kind, over, now, expected) => {
    const fired = FIRED[kind];
    expect(decideReminder(fired.job, request(over), now ?? fired.now)).toEqual(expected);
  });
});

describe('decideReminder check order', () => {
  it.each<[string, ReminderKind, Partial<ReminderSubject>, ReminderDecision]>([
    ['resolved and the due time moved: closed first', 'reminder', { state: 'resolved', nextUpdateDueAt: DUE + HOUR }, skip('closed')],
    ['dismissed and the ETA revised: closed first', 'eta_missed', { state: 'dismissed', etaAt: ETA + HOUR }, skip('closed')],
    ['waiting on client and already reminded: waiting first', 'reminder', { state: 'waiting_on_client', remindedFor: DUE }, skip('waiting_on_client')],
    ['the due time moved and the new one was reminded: moved first', 'reminder', { nextUpdateDueAt: DUE + HOUR, remindedFor: DUE + HOUR }, skip('due_time_moved')],
    ['the ETA changed and the new one was asked about: changed first', 'on_track', { etaAt: ETA + HOUR, onTrackPromptedFor: ETA + HOUR }, skip('eta_changed')],
    ['unowned and already asked: already first', 'on_track', { ...unowned, onTrackPromptedFor: ETA }, skip('already_prompted')],
  ])('when %s', (_label, kind, over, expected) => {
    const { job, now } = FIRED[kind];
    expect(decideReminder(job, request(over), now)).toEqual(expected);
  });
});

describe('a day of reminders for one request', () => {
  it('when jobs fire, repeat and go stale as the request moves, then only the fresh ones act', () => {
    let subject = request();
    const decide = (kind: ReminderKind, dueAt: number, now: number) => decideReminder({ kind, dueAt }, subject, now);

    expect(decide('reminder', DUE, DUE - 15 * MINUTE)).toEqual(act('remind_owner'));
    subject = { ...subject, remindedFor: DUE };
    expect(decide('reminder', DUE, DUE - 14 * MINUTE)).toEqual(skip('already_reminded'));

    // The owner posts "still on it" at 10:50; the next update is due at 14:50.
    const nextDue = DUE + 230 * MINUTE;
    subject = { ...subject, nextUpdateDueAt: nextDue };
    expect(decide('escalation', DUE, DUE + 30 * MINUTE)).toEqual(skip('due_time_moved'));
    expect(decide('reminder', nextDue, nextDue - 15 * MINUTE)).toEqual(act('remind_owner'));

    // Then waits on the client: the next escalation stays quiet.
    subject = { ...subject, remindedFor: nextDue, state: 'waiting_on_client' };
    expect(decide('escalation', nextDue, nextDue + 30 * MINUTE)).toEqual(skip('waiting_on_client'));

    // The client answers, nobody updates, the ETA passes.
    subject = { ...subject, state: 'in_progress' };
    expect(decide('escalation', nextDue, nextDue + 30 * MINUTE)).toEqual(act('escalate'));
    expect(decide('eta_missed', ETA, ETA)).toEqual(act('flag_eta_missed'));
    subject = { ...subject, escalatedFor: nextDue, etaMissFlaggedFor: ETA };
    expect(decide('escalation', nextDue, nextDue + 31 * MINUTE)).toEqual(skip('already_escalated'));
    expect(decide('eta_missed', ETA, ETA + MINUTE)).toEqual(skip('already_flagged'));

    subject = { ...subject, state: 'resolved' };
    expect(decide('on_track', ETA, ETA - HOUR)).toEqual(skip('closed'));
  });
});

describe('decideReminder for the nudges of a wait on the client', () => {
  const waiting = (over: Partial<ReminderSubject> = {}) => request({ state: 'waiting_on_client', ...over });
  it.each([
    ['the wait is another one (ended and began again)', 'client_nudge', waiting({ waitingSince: SINCE + HOUR }), skip('wait_changed')],
    ['the client was reminded of this wait already', 'client_nudge', waiting({ clientNudgedFor: SINCE }), skip('already_nudged')],
    ['the client was reminded of an earlier wait', 'client_nudge', waiting({ clientNudgedFor: SINCE - HOUR }), act('nudge_client')],
    ['the owner was told of this wait already', 'owner_nudge', waiting({ ownerNudgedFor: SINCE }), skip('already_nudged')],
    ['the owner was told but the client not yet', 'client_nudge', waiting({ ownerNudgedFor: SINCE }), act('nudge_client')],
    ['nothing records when the wait began', 'client_nudge', waiting({ waitingSince: undefined }), skip('wait_changed')],
  ] as const)('when %s, then a %s job decides %j', (_case, kind, subject, expected) => {
    expect(decideReminder({ kind, dueAt: SINCE }, subject, SINCE + 2 * 24 * HOUR)).toEqual(expected);
  });
});
