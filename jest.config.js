/** @type {import('jest').Config} */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
const project = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  transform,
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  ...extra,
});

module.exports = {
  // One Redis server for the whole run (unless REDIS_URL points at one); each test file isolates
  // itself with its own key prefix.
  globalSetup: '<rootDir>/test/support/redis/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/redis/global-teardown.ts',
  // End-to-end flows include real backoff (1 s, 2 s …) after injected Slack failures.
  testTimeout: 20_000,
  // A worker holding a stray handle after its last test must not keep CI waiting for ever (seen
  // once in a clean-clone run whose 2651 tests had all passed; the handle is not found yet).
  forceExit: true,
  projects: [project('unit'), project('integration'), project('e2e')],
};
