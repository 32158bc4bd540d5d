/**
 * When Slack refuses the app-level token, `npm start` stops at once with one clear line naming
 * SLACK_APP_TOKEN: no unhandled rejection, and no endless retrying (@slack/socket-mode alone
 * retries not_allowed_token_type forever).
 */
import { runMain } from '../../support/app-process/run-main';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';
import { type SlackEmulator, startSlackEmulator } from '../../support/slack-emulator';
import { seedWorkspace } from '../harness';
import { socketEnv } from '../support/socket-harness';

let slack: SlackEmulator;
const prefix = uniqueKeyPrefix('socket-start-up');
beforeAll(async () => {
  slack = await startSlackEmulator();
  seedWorkspace(slack);
});
afterAll(async () => {
  await slack.close();
  await deleteKeysWithPrefix(process.env.REDIS_URL as string, prefix);
});

it.each([
  ['an app token of another app', { SLACK_APP_TOKEN: 'xapp-another-app' }, undefined, 'invalid_auth'],
  ['a token that may not open connections', {}, 'not_allowed_token_type', 'not_allowed_token_type'],
])('when Slack refuses %s, then the app exits 1 with an error naming SLACK_APP_TOKEN', async (_what, env, fault, code) => {
  slack.reset();
  if (fault) slack.failNext('apps.connections.open', { kind: 'slack_error', error: fault });
  const { code: exitCode, stderr, ms } = await runMain({ ...socketEnv(slack, prefix, env), LOG_LEVEL: 'silent' });
  expect(exitCode).toBe(1);
  expect(stderr).toBe(
    `Kuittaus failed to start: Slack refused SLACK_APP_TOKEN (${code}) when opening the Socket Mode connection: set it to an ` +
      'app-level token (xapp-…) of this app with the connections:write scope (Basic Information → App-Level Tokens), or leave ' +
      'it unset to run in HTTP mode; check SLACK_API_URL too\n',
  );
  expect(slack.callsTo('apps.connections.open')).toHaveLength(1);
  expect(ms).toBeLessThan(15_000);
}, 40_000);
