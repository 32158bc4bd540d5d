/** Jest global teardown: stops the Redis that global-setup started (if it started one). */

export default async function globalTeardown(): Promise<void> {
  const redis = globalThis.__KUITTAUS_REDIS__;
  if (!redis) return;
  globalThis.__KUITTAUS_REDIS__ = undefined;
  await redis.stop();
  delete process.env.REDIS_URL;
}
