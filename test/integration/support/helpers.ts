/** Shared bits of the support kit's own tests. */
import { type Logger, LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';
import { type SlackEmulator, startSlackEmulator } from '../../support/slack-emulator';

/** A logger that swallows everything (the emulator's [ERROR] response messages would be noisy). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

/** A WebClient at the emulator that never retries unless told. */
export function clientFor(emulator: SlackEmulator, options: WebClientOptions = {}, token: string | undefined = 'xoxb-test'): WebClient {
  return new WebClient(token, { slackApiUrl: emulator.apiUrl, logger: silentLogger, retryConfig: { retries: 0 }, ...options });
}

/** The rejection of a promise (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string; data?: { ok: boolean; error?: string; [k: string]: unknown } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

/** A started emulator per test file, reset before each test. */
export function useEmulator(): () => SlackEmulator {
  let emulator: SlackEmulator | undefined;
  beforeAll(async () => {
    emulator = await startSlackEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });
  beforeEach(() => emulator?.reset({ users: true, channels: true }));
  return () => {
    if (!emulator) throw new Error('emulator not started');
    return emulator;
  };
}
