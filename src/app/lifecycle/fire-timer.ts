/**
 * A timer fired: ask the domain whether it is still wanted, then remind, escalate, prompt or flag.
 * Each message is posted with a delivery key of its own (kind, request, due time, recipient) and
 * the decision is recorded only afterwards, so a worker killed in between is retried, finds the
 * message it already posted, and records it: nobody is told twice.
 */
import { type BacklogRole, backlogWindow, firedLate } from '../../domain/backlog';
import { holdingLinePromise } from '../../domain/client-lines';
import { isClosed } from '../../domain/lifecycle';
import { decideReminder } from '../../domain/reminders';
import type { TrackedRequest } from '../../domain/request';
import type { ChannelSettings } from '../../domain/settings';
import { formatDueTimeFor } from '../../i18n';
import type { TimerJob } from '../../jobs/timer-job';
import {
  clientSilentMessage,
  escalationMessage,
  etaMissedLeadMessage,
  etaMissedMessage,
  onTrackMessage,
  reminderMessage,
  triageReminderMessage,
} from '../../slack/blocks/owner-prompts';
import { RetryLaterError } from '../../slack/outbound/delivery-errors';
import type { Deps } from '../deps';
import type { Intent } from '../ports';
import { relay } from '../relay';

const LIVE = ['open', 'in_progress'] as const;
/** What a late timer tells in a backlog summary instead of on its own. */
const COLLAPSIBLE: ReadonlySet<string> = new Set(['remind_owner', 'remind_triage', 'escalate', 'flag_eta_missed']);

/**
 * Fires the timer, then plans the request's next one (a request has one pending timer at a time);
 * not when the request is gone or its channel lost (regaining the channel plans again), nor when
 * it is to be tried again later (its job stays the pending one).
 */
export async function fireTimer(deps: Deps, job: TimerJob): Promise<string> {
  const outcome = await fire(deps, job);
  if (outcome !== 'gone' && outcome !== 'channel_lost') await planAfter(deps, job);
  return outcome;
}

/** Plans the request's next timer after `job` (fired, or failed for good: the next one still goes). */
export async function planAfter(deps: Pick<Deps, 'requests' | 'settings' | 'timers'>, job: TimerJob): Promise<void> {
  const request = await deps.requests.get(job.teamId, job.requestId);
  // Closing cancelled every timer already (the relay of the change that closed it).
  if (!request || isClosed(request.state)) return;
  await deps.timers.plan(request, await deps.settings.forChannel(job.teamId, request.channelId), { fired: job });
}

async function fire(deps: Deps, job: TimerJob): Promise<string> {
  const request = await deps.requests.get(job.teamId, job.requestId);
  if (!request) return 'gone';
  const now = deps.clock.now();
  // A lost channel pauses its requests; regaining it plans their timers again.
  if (await deps.channels.lostReason(job.teamId, request.channelId)) return 'channel_lost';
  const decision = decideReminder({ kind: job.kind, dueAt: job.dueAt }, request, now);
  if (decision.action === 'skip') {
    // Fired early (another instance's clock runs a little behind): wait, do not drop it.
    if (decision.reason === 'not_yet_due') throw new RetryLaterError(Math.max(10, deps.clock.msUntil(job.dueAt) + 10), 'timer fired before its time');
    deps.log.debug({ requestId: request.id, kind: job.kind, reason: decision.reason }, 'timer skipped');
    return decision.reason;
  }
  const settings = await deps.settings.forChannel(job.teamId, request.channelId);
  const base = {
    request,
    language: settings.language,
    workspaceUrl: deps.host.url,
    clientLabel: settings.clientName,
  };
  // Our own people read the channel's times on the team's clock: the zone is named where they differ.
  const time = (at: number) => formatDueTimeFor(deps.settingsTimezone, at, now, settings.businessHours.timezone, settings.language);
  const key = `${job.kind}_${job.teamId}_${job.requestId}_${job.dueAt}`;
  /** Records what was done, with what it tells the client (intents); a change the card shows (escalated, ETA missed) is relayed. */
  const record = async (
    patch: Parameters<Deps['requests']['update']>[2],
    data: Record<string, string | number>,
    shown = false,
    intents: Intent[] = [],
    /** The due time the change moves on must still be the request's (nothing posted meanwhile). */
    dueStill?: number,
  ) => {
    const event = { type: eventOf(job.kind), at: now, data: { dueAt: job.dueAt, ...data } };
    const states = isNudge(job.kind) ? ['waiting_on_client' as const] : [...LIVE];
    const guard = dueStill === undefined ? states : { states, nextUpdateDueAt: dueStill };
    const updated = await deps.requests.update(job.teamId, job.requestId, patch, event, guard, { relay: shown || intents.length > 0, intents });
    if (updated && (shown || intents.length > 0)) await relay(deps, job.teamId, job.requestId);
    return updated !== undefined;
  };

  // Held up by an outage: recorded as done, and told in one summary per person (see domain/backlog).
  // ("On track?" and the nudges of a waiting request still go on their own: one each, no flood.)
  if (COLLAPSIBLE.has(decision.action) && firedLate(job.fireAt ?? job.dueAt, now, deps.lateTimerMs)) {
    const window = backlogWindow(now);
    const summary = (role: BacklogRole, to: string): Intent => ({ kind: 'backlog_summary', teamId: job.teamId, role, to, window });
    const leads = () => (settings.teamLeadIds.length > 0 ? settings.teamLeadIds.map((lead) => summary('lead', lead)) : triageSummary());
    const triageSummary = () => (settings.triageChannelId ? [summary('triage', settings.triageChannelId)] : []);
    const late = { late: now - (job.fireAt ?? job.dueAt) };
    switch (decision.action) {
      case 'remind_owner':
        await record({ remindedFor: job.dueAt }, { to: request.ownerId as string, ...late }, false, [summary('owner', request.ownerId as string)]);
        break;
      case 'remind_triage':
        await record({ remindedFor: job.dueAt }, { to: settings.triageChannelId ?? 'nobody', ...late }, false, triageSummary());
        break;
      case 'escalate': {
        const to = { to: settings.teamLeadIds.join(',') || (settings.triageChannelId ?? 'nobody'), ...late };
        // The client is still owed an update: the holding line goes as on time (the summary is ours).
        const promisedAt = settings.holdingLine ? holdingLinePromise(now, request.priority, settings) : undefined;
        const holding: Intent[] = promisedAt === undefined ? [] : [{ kind: 'holding_line', teamId: job.teamId, requestId: job.requestId, dueAt: job.dueAt, promisedAt }];
        const moved = promisedAt !== undefined && (await record({ escalatedFor: job.dueAt, nextUpdateDueAt: promisedAt }, { ...to, promisedAt }, true, [...leads(), ...holding], job.dueAt));
        if (!moved) await record({ escalatedFor: job.dueAt }, to, true, leads());
        break;
      }
      case 'flag_eta_missed':
        await record({ etaMissFlaggedFor: job.dueAt }, { to: [request.ownerId ?? '', ...settings.teamLeadIds].filter(Boolean).join(','), ...late }, true, [
          ...(request.ownerId ? [summary('owner', request.ownerId)] : []),
          ...leads(),
        ]);
        break;
    }
    deps.log.info({ requestId: request.id, kind: job.kind, action: decision.action, lateMs: late.late }, 'late timer: told in a backlog summary');
    return `${decision.action}_in_summary`;
  }

  switch (decision.action) {
    case 'remind_owner': {
      const owner = request.ownerId as string;
      await deps.poster.postOnce({ deliveryKey: key, channel: owner, ...reminderMessage({ ...base, dueTime: time(job.dueAt) }) });
      await record({ remindedFor: job.dueAt }, { to: owner });
      break;
    }
    case 'remind_triage': {
      const target = triageTarget(request, settings);
      if (!target) {
        deps.log.warn({ requestId: request.id }, 'unowned request and no triage channel: nobody to remind');
        await record({ remindedFor: job.dueAt }, { to: 'nobody' });
        break;
      }
      await deps.poster.postOnce({ deliveryKey: key, ...target, ...triageReminderMessage({ ...base, dueTime: time(job.dueAt) }) });
      await record({ remindedFor: job.dueAt }, { to: target.channel });
      break;
    }
    case 'escalate': {
      const message = escalationMessage({ ...base, dueTime: time(job.dueAt) });
      const told = await tellLeads(deps, request, settings, key, message);
      // The client hears that we owe them an update, and by when: a new promise, planned like any other.
      const promisedAt = settings.holdingLine ? holdingLinePromise(now, request.priority, settings) : undefined;
      if (promisedAt === undefined) {
        await record({ escalatedFor: job.dueAt }, { to: told.join(',') }, true);
        break;
      }
      const holding: Intent = { kind: 'holding_line', teamId: job.teamId, requestId: job.requestId, dueAt: job.dueAt, promisedAt };
      // Something was posted meanwhile (its due time moved on): no debt to tell the client of.
      if (!(await record({ escalatedFor: job.dueAt, nextUpdateDueAt: promisedAt }, { to: told.join(','), promisedAt }, true, [holding], job.dueAt))) {
        await record({ escalatedFor: job.dueAt }, { to: told.join(',') }, true);
      }
      break;
    }
    case 'nudge_client': {
      const nudge: Intent = { kind: 'waiting_line', teamId: job.teamId, requestId: job.requestId, step: 'nudged', since: job.dueAt };
      await record({ clientNudgedFor: job.dueAt }, { to: request.clientUserId }, false, [nudge]);
      break;
    }
    case 'nudge_owner': {
      const owner = request.ownerId as string;
      const days = 2 * settings.clientNudgeDays;
      const message = clientSilentMessage({ ...base, days, need: request.waitingFor ?? '' });
      await deps.poster.postOnce({ deliveryKey: key, channel: owner, ...message });
      await record({ ownerNudgedFor: job.dueAt }, { to: owner });
      break;
    }
    case 'prompt_on_track': {
      const owner = request.ownerId as string;
      await deps.poster.postOnce({ deliveryKey: key, channel: owner, ...onTrackMessage({ ...base, eta: time(job.dueAt) }) });
      await record({ onTrackPromptedFor: job.dueAt }, { to: owner });
      break;
    }
    case 'flag_eta_missed': {
      if (request.ownerId) {
        await deps.poster.postOnce({ deliveryKey: key, channel: request.ownerId, ...etaMissedMessage({ ...base, eta: time(job.dueAt) }) });
      }
      const told = await tellLeads(deps, request, settings, key, etaMissedLeadMessage({ ...base, eta: time(job.dueAt) }));
      await record({ etaMissFlaggedFor: job.dueAt }, { to: [request.ownerId ?? '', ...told].filter(Boolean).join(',') }, true);
      break;
    }
  }
  deps.log.info({ requestId: request.id, kind: job.kind, action: decision.action }, 'timer fired');
  return decision.action;
}

/** DMs every team lead (or, with none configured, posts in the card's thread). Returns who was told. */
async function tellLeads(
  deps: Deps,
  request: TrackedRequest,
  settings: ChannelSettings,
  key: string,
  message: { text: string; blocks: unknown[] },
): Promise<string[]> {
  if (settings.teamLeadIds.length > 0) {
    for (const lead of settings.teamLeadIds) {
      await deps.poster.postOnce({ deliveryKey: `${key}_${lead}`, channel: lead, ...message });
    }
    return settings.teamLeadIds;
  }
  const target = triageTarget(request, settings);
  if (!target) return [];
  await deps.poster.postOnce({ deliveryKey: key, ...target, ...message });
  return [target.channel];
}

/** The card's thread in the triage channel, or the triage channel itself before the card exists. */
export function triageTarget(request: TrackedRequest, settings: ChannelSettings): { channel: string; threadTs?: string } | undefined {
  if (request.cardChannelId && request.cardTs) return { channel: request.cardChannelId, threadTs: request.cardTs };
  return settings.triageChannelId ? { channel: settings.triageChannelId } : undefined;
}

function eventOf(kind: TimerJob['kind']) {
  switch (kind) {
    case 'reminder':
      return 'reminded' as const;
    case 'escalation':
      return 'escalated' as const;
    case 'on_track':
      return 'on_track_prompted' as const;
    case 'eta_missed':
      return 'eta_missed' as const;
    case 'client_nudge':
      return 'client_nudged' as const;
    case 'owner_nudge':
      return 'owner_nudged' as const;
  }
}

const isNudge = (kind: TimerJob['kind']) => kind === 'client_nudge' || kind === 'owner_nudge';
