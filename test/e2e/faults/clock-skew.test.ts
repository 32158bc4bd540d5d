/**
 * A timer that fires a moment early (instances' clocks differ by a few milliseconds: one queues
 * it, another runs it) waits for its time instead of deciding "not yet" and being dropped for good. No reconciler runs here (its
 * period is the default 10 minutes), so only the timer itself can flag the ETA.
 */
import { viewInput } from '../../support/builders';
import { type Harness, PinnedClock, Users, startHarness, waitFor } from '../harness';
import { lifecycleDriver } from '../support/lifecycle-driver';

const clock = new PinnedClock();
let h: Harness;
let drive: ReturnType<typeof lifecycleDriver>;

beforeAll(async () => {
  h = await startHarness({ name: 'clock-skew', clock, env: { TEAM_LEADS: Users.lead } });
  drive = lifecycleDriver(h);
});
afterAll(() => h.stop());

const request = (id: string) => h.request(id);

it('when the missed-ETA timer fires 50 ms early (clock skew between instances), then it waits and still flags the ETA', async () => {
  const { requestId: id } = await drive.newRequest('Sync job hangs');
  await drive.click(Users.consultant, 'request_claim', id);
  await drive.submit(Users.consultant, 'eta_modal', id, { eta_quick_pick_block: { eta_quick_pick: viewInput.staticSelect('in_2h') } });
  const { etaAt } = await request(id);
  const timers = h.apps[0]?.timers;
  // The timers before it fire at their times (one is pending at a time: the missed-ETA check is
  // planned once the "On track?" prompt has fired); this instance's clock is then 50 ms behind
  // the one that queues the check (another instance's, at the ETA).
  await h.advance((etaAt as number) - clock.now() - 50);
  const [check] = (await timers?.pending('T0HOST', id)) ?? [];
  expect(check?.kind).toBe('eta_missed');
  await timers?.promoteDue(etaAt as number);
  await new Promise((r) => setTimeout(r, 300));
  expect((await request(id)).etaMissFlaggedFor).toBeUndefined();
  expect(await timers?.queue.getJob(check?.id as string)).toBeDefined(); // waiting, not dropped
  clock.advance(50);
  await waitFor(async () => (await request(id)).etaMissFlaggedFor === etaAt);
  expect(drive.dmsTo(Users.lead).filter((c) => /^ETA missed/.test(String(c.args.text))).length).toBeGreaterThanOrEqual(1);
});
