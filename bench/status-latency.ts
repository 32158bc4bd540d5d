/**
 * Section 3: `/status` answer time with many open requests. In process: the use case and the
 * Block Kit page (showStatus + statusMessage), as the listener builds them. Over HTTP: signed
 * slash commands to the real app, timed until its HTTP answer (the page is the command's answer).
 */
import type { RedisClient } from '../src/store/redis-client';
import { showStatus } from '../src/app/status/show-status';
import { statusMessage } from '../src/slack/blocks/status';
import { RedisSettingsStore } from '../src/store/redis-settings-store';
import { RedisStatusIndex } from '../src/store/redis-status-index';
import { slashCommand } from '../test/support/builders';
import { createSignedSender } from '../test/support/signed-requests';
import { DEFAULTS, TEAM } from './bulk-requests';
import { SIGNING_SECRET } from './app-child';
import { type Spread, spread } from './stats';

export const LEAD = 'U0LEAD';

export async function inProcessAnswer(redis: RedisClient, prefix: string, runs: number): Promise<Spread> {
  const settings = new RedisSettingsStore(redis, prefix, DEFAULTS);
  const deps = {
    host: { teamId: TEAM, botUserId: 'U0BOT', botId: 'B0BOT', url: 'https://kuittaus-test.slack.com/', teamName: 'Kuittaus Test' },
    directory: { user: async (_t: string, id: string) => ({ id, teamId: TEAM, isBot: false, isStranger: false, isRestricted: false, isUltraRestricted: false, greetingName: 'Leena' }) },
    settings,
    status: new RedisStatusIndex(redis, prefix),
    clock: { now: () => Date.now(), msUntil: (at: number) => at - Date.now() },
    clients: settings,
  };
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const view = await showStatus(deps as never, TEAM, LEAD, { filter: 'all' }, { channelId: 'D0LEAD' });
    const message = statusMessage({ ...view, language: 'en', now: Date.now(), workspaceUrl: 'https://kuittaus-test.slack.com/', more: { text: '' } });
    if (message.blocks.length === 0) throw new Error('empty /status page');
    times.push(performance.now() - started);
  }
  return spread(times.slice(Math.min(3, runs - 1)));
}

/** Sequential signed `/status` commands; the first few warm caches and are not counted. */
export async function overHttp(url: string, runs: number, expectRows: boolean): Promise<Spread> {
  const sender = createSignedSender({ url, signingSecret: SIGNING_SECRET });
  const times: number[] = [];
  for (let run = 0; run < runs + 3; run++) {
    const started = performance.now();
    const res = await sender.command(slashCommand({ user_id: LEAD, channel_id: 'D0LEAD' }));
    const took = performance.now() - started;
    if (res.status !== 200) throw new Error(`/status answered ${res.status}: ${res.body.slice(0, 200)}`);
    if (expectRows && !res.body.includes('blocks')) throw new Error(`/status answered without a page: ${res.body.slice(0, 200)}`);
    if (run >= 3) times.push(took);
  }
  return spread(times);
}
