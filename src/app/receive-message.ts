/**
 * A message event arrived: queue it for intake when it may be a new request, or when it is a
 * reply in the thread of a tracked one (an update by us, or the client writing again). A direct
 * message to Kuittaus gets a short answer saying what it does.
 *
 * A possible new request is handled at once by the process that received it, after Slack got its
 * answer (see intakeAtOnce): its queued intake job is the write-ahead record, held back for
 * `atOnce.fallbackMs`, and does the intake itself only when this process did not: at once when the
 * intake here failed (it retries as jobs do), after the wait when this process died.
 */
import { intakeFacts } from '../domain/intake-facts';
import { isDirectMessageToUs, screenMessage } from '../domain/spotting';
import type { MessageFacts } from '../domain/spotting-types';
import type { Deps } from './deps';
import { type ReadAhead, intakeMessage, readAhead } from './intake-message';
import type { IntakeResult } from './intake-result';

/**
 * What became of the event: `atOnce` asks the caller to run intakeAtOnce once Slack has its
 * answer, with what the intake reads first, asked for in the same round trip as the hold.
 */
export type Received = 'ignored' | 'queued' | { atOnce: ReadAhead };

export async function receiveMessage(
  deps: Pick<Deps, 'host' | 'intake' | 'outbox' | 'log' | 'requests' | 'atOnce' | 'settings' | 'directory'>,
  teamId: string,
  message: MessageFacts,
): Promise<Received> {
  if (message.direct) {
    if (isDirectMessageToUs(message, deps.host)) {
      const threadTs = message.threadTs !== undefined && message.threadTs !== message.ts ? message.threadTs : undefined;
      await deps.outbox.add({ kind: 'dm_help', teamId, channelId: message.channelId, ts: message.ts, ...(threadTs ? { threadTs } : {}) });
      return 'queued';
    }
    return 'ignored';
  }
  const screen = screenMessage(message, deps.host);
  if (screen.track) {
    if (deps.atOnce) {
      const ahead = readAhead(deps, teamId, message);
      await deps.intake.add({ kind: 'message', teamId, message }, { delayMs: deps.atOnce.fallbackMs });
      return { atOnce: ahead };
    }
    await deps.intake.add({ kind: 'message', teamId, message });
    return 'queued';
  }
  if (screen.reason === 'thread_reply' && (await isTrackedThreadReply(deps, teamId, message))) {
    await deps.intake.add({ kind: 'message', teamId, message });
    return 'queued';
  }
  deps.log.debug({ channel: message.channelId, ts: message.ts, reason: screen.reason }, 'message ignored');
  return 'ignored';
}

/**
 * The intake of a possible new request, by the process that received it, right after Slack got
 * its answer: the request is recorded and acknowledged without a queue hop. Done, its held-back
 * intake job is dropped (with the acknowledgement's record when nothing follows it: see
 * open-request); failed, the job does it when its time comes (and retries as jobs do).
 */
export async function intakeAtOnce(deps: Deps, teamId: string, message: MessageFacts, ahead: ReadAhead): Promise<void> {
  let result: IntakeResult;
  try {
    result = await intakeMessage(deps, teamId, intakeFacts(message), ahead);
  } catch (error) {
    deps.log.info({ channel: message.channelId, ts: message.ts, err: error }, 'intake at once failed: its queued job takes over now');
    // The job retries (or waits for the token) as jobs do; if even this fails, it runs when its time comes.
    await deps.intake.release(teamId, message.channelId, message.ts).catch(() => undefined);
    return;
  }
  if ('heldLetGo' in result) return;
  await deps.intake.handled(teamId, message.channelId, message.ts).catch((error: unknown) => {
    deps.log.debug({ channel: message.channelId, ts: message.ts, err: error }, 'the held-back intake job stays: it will find the message handled');
  });
}

/** A person's own message (no bot, no edit or deletion) in the thread of a request we track. */
async function isTrackedThreadReply(deps: Pick<Deps, 'host' | 'requests'>, teamId: string, message: MessageFacts): Promise<boolean> {
  if (!message.threadTs || !message.userId || message.botId) return false;
  if (message.subtype !== undefined && message.subtype !== 'file_share' && message.subtype !== 'thread_broadcast') return false;
  return (await deps.requests.findByMessage(teamId, message.channelId, message.threadTs)) !== undefined;
}
