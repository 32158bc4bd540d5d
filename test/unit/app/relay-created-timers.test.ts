/**
 * The relay of a request just created leaves its timers to the creation's write, which planned
 * them; but when another change came before the relay read the request (a higher generation), that
 * change's timers may be owed (its own relay may have died before planning them), and are planned.
 */
import type { PendingRelay } from '../../../src/app/ports';
import { type RelayDeps, relay } from '../../../src/app/relay';
import type { TrackedRequest } from '../../../src/domain/request';
import { ALWAYS_OPEN_SETTINGS } from '../../support/channel-settings';

const request: TrackedRequest = {
  id: 'R1', teamId: 'T0HOST', channelId: 'C0SHARED', ts: '1790000000.000100', joinedTs: [], clientUserId: 'U0C1', clientName: 'Maria',
  excerpt: 'Export fails', priority: 'normal', state: 'in_progress', ownerId: 'U0AINO', trigger: 'auto', createdAt: 1_790_000_000_000,
  nextUpdateDueAt: 1_790_000_900_000, revision: 2, updateCount: 0,
};

it.each([
  ['nothing came since the creation', '1', 0],
  ['another change came before the relay read it', '2', 1],
])('when %s (generation %s), then the relay of the new request plans its timers %i time(s)', async (_case, generation, plans) => {
  const planned: string[] = [];
  const pending: PendingRelay = { generation, intents: [], request };
  const deps = {
    relay: { pending: async () => pending, settle: async () => true, stale: async () => [] },
    timers: { plan: async (r: TrackedRequest) => void planned.push(r.id), cancelAll: async () => undefined },
    outbox: { add: async () => undefined },
    homeViewers: { has: async () => false },
    teamLeads: [],
    clientLine: { markDone: async () => undefined },
  } as unknown as RelayDeps;
  await relay(deps, 'T0HOST', 'R1', [], { settings: ALWAYS_OPEN_SETTINGS, created: true });
  expect(planned).toHaveLength(plans);
});
