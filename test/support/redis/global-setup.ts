/** Jest global setup: one Redis for the whole run, unless REDIS_URL points at one already. */
import { launchRedis, type LaunchedRedis } from './launch';

declare global {
  var __KUITTAUS_REDIS__: LaunchedRedis | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.REDIS_URL) return;
  const redis = await launchRedis();
  globalThis.__KUITTAUS_REDIS__ = redis;
  // Test workers are started after this and inherit the environment.
  process.env.REDIS_URL = redis.url;
}
