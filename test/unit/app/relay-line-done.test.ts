/**
 * The relay marks an acknowledgement made whole at once done in the client's line while it goes
 * on handing the other intents over. When Redis fails both (a blip), the relay fails, as any
 * relay does (the sweep relays again): the line mark's failure must not go unhandled, which would
 * end the process on Node 20 and cut off every other acknowledgement under way in it.
 */
import type { Intent, PendingRelay } from '../../../src/app/ports';
import { type RelayDeps, relay } from '../../../src/app/relay';
import type { TrackedRequest } from '../../../src/domain/request';

const request: TrackedRequest = {
  id: 'R1', teamId: 'T0HOST', channelId: 'C0SHARED', ts: '1790000000.000100', joinedTs: [], clientUserId: 'U0C1', clientName: 'Maria',
  excerpt: 'Production is down', priority: 'urgent', state: 'open', trigger: 'auto', createdAt: 1_790_000_000_000,
  nextUpdateDueAt: 1_790_000_900_000, revision: 2, updateCount: 0, ackTs: '1790000000.000200', eyesAt: 1_790_000_000_300,
};
const intents: Intent[] = [
  { kind: 'ack', teamId: 'T0HOST', requestId: 'R1', order: 1, after: 0 },
  { kind: 'on_call', teamId: 'T0HOST', requestId: 'R1', userId: 'U0ONCALL' },
];

it('when the line mark and the next hand-over both fail, then the relay fails and nothing is left unhandled', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const pending: PendingRelay = { generation: '1', intents: intents.map((intent) => ({ raw: JSON.stringify(intent), intent })), request };
    const deps = {
      relay: { pending: async () => pending, settle: async () => true, stale: async () => [] },
      clientLine: { done: async () => false, markDone: () => Promise.reject(new Error('Redis: connection lost')) },
      outbox: {
        add: async () => {
          // The mark has failed by the time the hand-over fails.
          await new Promise((resolve) => setTimeout(resolve, 5));
          throw new Error('Redis: connection lost (outbox)');
        },
      },
    } as unknown as RelayDeps;
    await expect(relay(deps, 'T0HOST', 'R1')).rejects.toThrow('outbox');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
