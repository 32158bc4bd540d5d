/**
 * The environment of an app started as a child process: only what the test gives it, plus PATH
 * and, when the test run itself runs on a fake clock (scripts/test-at.sh), that clock, so that
 * parent and child agree on the time (signed requests, timers).
 */
const CLOCK_VARS = ['LD_PRELOAD', 'FAKETIME', 'DONT_FAKE_MONOTONIC'] as const;

export function childEnv(env: Record<string, string>): Record<string, string> {
  const clock = Object.fromEntries(CLOCK_VARS.flatMap((name) => (process.env[name] ? [[name, process.env[name] as string]] : [])));
  return { PATH: process.env.PATH ?? '', ...clock, ...env };
}
