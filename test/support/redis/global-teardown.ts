export default async function globalTeardown(): Promise<void> {
  await globalThis.__KUITTAUS_REDIS__?.stop();
}
