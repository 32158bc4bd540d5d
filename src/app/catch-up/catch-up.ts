/**
 * Catch-up: for every managed channel the bot is in, read the history since the last message
 * handed to intake and hand over what was missed (events Slack gave up on while Redis, Slack auth
 * or every instance was down). Intake is idempotent by (channel, ts), so a message handed twice
 * is handled once. Cost is bounded: `pageSize` messages a page, `maxPages` pages per channel and
 * round (the rest next round), and a rate limit ends the round.
 */
import type { Logger } from 'pino';
import { type CatchUpPosition, afterRead, startingPosition, tsMicros } from '../../domain/catch-up';
import { screenMessage } from '../../domain/spotting';
import type { MessageFacts } from '../../domain/spotting-types';
import type { Host } from '../deps';
import type { Clock, SettingsStore } from '../ports';
import { ChannelUnreadableError, HistoryRateLimitedError } from './errors';
import type { CatchUpPositions, ChannelHistory, IntakeResubmission } from './ports';

export interface CatchUpDeps {
  host: Host;
  clock: Clock;
  log: Logger;
  settings: Pick<SettingsStore, 'forChannel'>;
  channelHistory: ChannelHistory;
  positions: CatchUpPositions;
  intake: IntakeResubmission;
}

export interface CatchUpLimits {
  pageSize: number;
  maxPages: number;
}

export interface CatchUpReport {
  /** Managed channels looked at. */
  channels: number;
  /** Messages handed to intake that it had not seen. */
  added: number;
  /** Messages whose earlier intake had failed, handed again. */
  retried: number;
}

export async function catchUp(deps: CatchUpDeps, limits: CatchUpLimits): Promise<CatchUpReport> {
  const teamId = deps.host.teamId;
  const channels = await managedChannels(deps);
  const positions = await deps.positions.all(teamId);
  // The least recently read first, so that rounds cut short by a rate limit starve no channel.
  channels.sort((a, b) => (positions.get(a)?.checkedAt ?? -1) - (positions.get(b)?.checkedAt ?? -1));
  const report: CatchUpReport = { channels: channels.length, added: 0, retried: 0 };
  for (const channelId of channels) {
    const stored = positions.get(channelId);
    const now = deps.clock.now();
    if (!stored) {
      // A channel never seen before starts now: its older history is not imported.
      await deps.positions.saveFirst(teamId, channelId, { position: startingPosition(now), checkedAt: now });
      continue;
    }
    try {
      const handed = await catchUpChannel(deps, channelId, stored.position, limits);
      report.added += handed.added;
      report.retried += handed.retried;
    } catch (error) {
      if (!(error instanceof ChannelUnreadableError)) throw error;
      deps.log.warn({ channel: channelId, error: error.slackError }, 'catch-up cannot read the channel');
    }
  }
  return report;
}

/** Channels the bot is in that are Slack Connect shared or managed by settings (MANAGED_CHANNELS, /status settings). */
async function managedChannels(deps: CatchUpDeps): Promise<string[]> {
  const managed: string[] = [];
  for (const channel of await deps.channelHistory.memberChannels()) {
    if (channel.isExtShared || (await deps.settings.forChannel(deps.host.teamId, channel.id)).managed) managed.push(channel.id);
  }
  return managed;
}

async function catchUpChannel(deps: CatchUpDeps, channelId: string, position: CatchUpPosition, limits: CatchUpLimits) {
  const messages: MessageFacts[] = [];
  let complete = false;
  let rateLimited: HistoryRateLimitedError | undefined;
  let cursor: string | undefined;
  try {
    for (let page = 0; page < limits.maxPages; page++) {
      const read = await deps.channelHistory.page(channelId, {
        oldest: position.after,
        ...(position.upTo ? { latest: position.upTo } : {}),
        ...(cursor ? { cursor } : {}),
        limit: limits.pageSize,
      });
      messages.push(...read.messages);
      complete = !read.hasMore;
      cursor = read.nextCursor;
      if (complete || !cursor) break;
    }
  } catch (error) {
    // What was read before the rate limit is handed over; the round ends after this channel.
    if (!(error instanceof HistoryRateLimitedError)) throw error;
    rateLimited = error;
  }

  const oldestFirst = [...new Map(messages.map((m) => [m.ts, m])).values()].sort((a, b) => tsMicros(a.ts) - tsMicros(b.ts));
  const handed = { added: 0, retried: 0 };
  for (const message of oldestFirst) {
    if (!screenMessage(message, deps.host).track) continue;
    const outcome = await deps.intake.resubmit(deps.host.teamId, message);
    if (outcome === 'added') handed.added++;
    if (outcome === 'retried') handed.retried++;
  }
  if (handed.added + handed.retried > 0) {
    deps.log.info({ channel: channelId, ...handed }, 'catch-up handed missed messages to intake');
  }
  // Only now, with every message read handed to intake, does the position move.
  const next = afterRead(position, { newestTs: oldestFirst.at(-1)?.ts, oldestTs: oldestFirst[0]?.ts, complete: complete && !rateLimited });
  await deps.positions.save(deps.host.teamId, channelId, { position: next, checkedAt: deps.clock.now() });
  if (rateLimited) throw rateLimited;
  return handed;
}
