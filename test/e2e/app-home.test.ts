/** App Home: the consultant's own queue, the team view for team leads, refreshed on changes. */
import { appHomeOpenedEvent, eventEnvelope } from '../support/builders';
import { type Harness, Users, startHarness } from './harness';
import { lifecycleDriver } from './support/lifecycle-driver';

let h: Harness;
let drive: ReturnType<typeof lifecycleDriver>;
beforeAll(async () => {
  h = await startHarness({ name: 'app-home', env: { TEAM_LEADS: Users.lead } });
  drive = lifecycleDriver(h);
});
afterAll(() => h.stop());

async function openHome(user: string) {
  await h.send.event(eventEnvelope(appHomeOpenedEvent({ user })));
  await h.idle();
  return JSON.stringify(h.slack.homeView(user)?.view.blocks ?? []);
}

it('when a consultant opens Home, then they see their own queue and no team view', async () => {
  const { requestId } = await drive.newRequest('Home: disk alarms');
  await drive.click(Users.consultant, 'request_claim', requestId);
  const home = await openHome(Users.consultant);
  expect(home).toContain('Your requests, next update due first');
  expect(home).toContain('Home: disk alarms');
  expect(home).not.toContain('The team: most urgent first');
});

it('when a team lead opens Home, then they also see the team view', async () => {
  await drive.newRequest('Home: unowned printer');
  const home = await openHome(Users.lead);
  expect(home).toContain('The team: most urgent first');
  expect(home).toContain('Home: unowned printer');
  expect(home).toContain('Home: disk alarms');
});

it('when someone outside the team opens Home, then they see a refusal and no data', async () => {
  const home = await openHome(Users.client);
  expect(home).toContain('Sorry, this is only available to members of');
  expect(home).not.toContain('Home:');
});

it('when a request the viewer sees changes, then their Home is published again', async () => {
  await openHome(Users.consultant);
  const before = h.slack.callsTo('views.publish', (c) => c.args.user_id === Users.consultant).length;
  const { requestId } = await drive.newRequest('Home: VPN flaps');
  await drive.click(Users.consultant, 'request_claim', requestId);
  await h.idle();
  const publishes = h.slack.callsTo('views.publish', (c) => c.args.user_id === Users.consultant);
  expect(publishes.length).toBeGreaterThan(before);
  expect(JSON.stringify(h.slack.homeView(Users.consultant)?.view.blocks)).toContain('Home: VPN flaps');
});
