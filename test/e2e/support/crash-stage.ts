/**
 * The stage of a test that runs the app as processes and kills them: an emulator with the usual
 * workspace, a key prefix of the file's own, and the processes started, all gone after the file.
 */
import type { AppProcess } from '../../support/app-process/spawn-app';
import { deleteKeysWithPrefix, uniqueKeyPrefix } from '../../support/redis/key-prefix';
import { type EmulatorOptions, type SlackEmulator, startSlackEmulator } from '../../support/slack-emulator';
import { seedWorkspace } from '../harness';

export interface CrashStage {
  slack: SlackEmulator;
  prefix: string;
  /** Every process the test starts: killed, if still running, after the file. */
  apps: AppProcess[];
}

export function useCrashStage(name: string, emulator: EmulatorOptions = {}): CrashStage {
  const stage = { apps: [] } as unknown as CrashStage;
  beforeAll(async () => {
    stage.slack = await startSlackEmulator(emulator);
    seedWorkspace(stage.slack);
    stage.prefix = uniqueKeyPrefix(name);
  });
  afterAll(async () => {
    for (const app of stage.apps) app.kill();
    await Promise.all(stage.apps.map((app) => app.exited));
    await stage.slack.close();
    await deleteKeysWithPrefix(process.env.REDIS_URL as string, stage.prefix);
  });
  return stage;
}
