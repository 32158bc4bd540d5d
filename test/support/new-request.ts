/**
 * A client's new message as the request store takes it (NewRequest), for the store tests: each call
 * a message of its own (its ts and its client), created at NEW_REQUEST_T0 unless told otherwise.
 */
import type { NewRequest } from '../../src/app/ports';

export const NEW_REQUEST_T0 = Date.UTC(2026, 10, 23, 10, 0, 0);

let made = 0;

/** A message ts no earlier call gave (`1700000000.000001`, `…002`, …). */
export function freshTs(): string {
  made += 1;
  return `1700000000.${String(made).padStart(6, '0')}`;
}

export function newRequestInput(overrides: Partial<NewRequest> = {}): NewRequest {
  const ts = freshTs();
  return {
    teamId: 'T0HOST',
    channelId: 'C0SHARED',
    ts,
    clientUserId: `U0CL${ts.slice(-6)}`,
    clientName: 'Maria',
    excerpt: 'Our export fails',
    priority: 'normal',
    trigger: 'auto',
    createdAt: NEW_REQUEST_T0,
    nextUpdateDueAt: NEW_REQUEST_T0 + 3_600_000,
    ...overrides,
  };
}
