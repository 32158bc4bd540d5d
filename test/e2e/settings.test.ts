/** `/status settings`: the channel settings modal round trip, its checks, and who may use it. */
import { slashCommand, viewInput, viewSubmission } from '../support/builders';
import { Channels, type Harness, Users, startHarness } from './harness';
import { lifecycleDriver } from './support/lifecycle-driver';

let h: Harness;
let drive: ReturnType<typeof lifecycleDriver>;
beforeAll(async () => {
  h = await startHarness({ name: 'settings', env: { TEAM_LEADS: Users.lead } });
  drive = lifecycleDriver(h);
});
afterAll(() => h.stop());

const settingsCommand = (user: string, channel: string = Channels.shared) =>
  h.send.command(slashCommand({ user_id: user, channel_id: channel, text: 'settings', response_url: h.slack.responseUrl() }));

const option = (value: string) => ({ text: { type: 'plain_text', text: value }, value });
function values(over: Record<string, Record<string, unknown>> = {}) {
  return {
    settings_clientName: { clientName: viewInput.text('Acme Oy') },
    settings_language: { language: viewInput.staticSelect('fi') },
    settings_timezone: { timezone: viewInput.text('Europe/Helsinki') },
    settings_opens: { opens: viewInput.time('00:00') },
    settings_closes: { closes: viewInput.time('00:00') },
    settings_workingDays: { workingDays: { type: 'checkboxes', selected_options: ['1', '2', '3', '4', '5', '6', '7'].map(option) } },
    settings_holidays: { holidays: viewInput.text('') },
    settings_cadenceUrgent: { cadenceUrgent: { type: 'number_input', value: '30' } },
    settings_cadenceNormal: { cadenceNormal: { type: 'number_input', value: '120' } },
    settings_firstUpdate: { firstUpdate: { type: 'number_input', value: '20' } },
    settings_grace: { grace: { type: 'number_input', value: '15' } },
    settings_triageChannelId: { triageChannelId: viewInput.conversation(Channels.triage) },
    settings_defaultOwnerIds: { defaultOwnerIds: viewInput.users([Users.consultant]) },
    settings_teamLeadIds: { teamLeadIds: viewInput.users([Users.lead]) },
    settings_onCallIds: { onCallIds: viewInput.users([Users.lead]) },
    settings_toggles: { toggles: { type: 'checkboxes', selected_options: ['autoAcknowledge', 'pleasantryFilter', 'urgentAroundTheClock'].map(option) } },
    ...over,
  };
}
const submit = async (user: string, v: Record<string, Record<string, unknown>>) => {
  const res = await h.send.interaction(viewSubmission({ user, callbackId: 'settings_modal', values: v, privateMetadata: JSON.stringify({ channelId: Channels.shared }) }));
  await h.idle();
  return res.body ? (JSON.parse(res.body) as { response_action?: string; errors?: Record<string, string> }) : {};
};

it('when a team lead runs /status settings in a client channel, then the modal opens with the settings in force', async () => {
  const res = await settingsCommand(Users.lead);
  expect(res.status).toBe(200);
  const modal = drive.lastModal();
  expect(modal.callback_id).toBe('settings_modal');
  const json = JSON.stringify(modal.blocks);
  expect(json).toContain('"initial_value":"Europe/Helsinki"');
  expect(json).toContain('"initial_value":"240"'); // the default normal cadence
  expect(modal.blocks.length).toBeLessThanOrEqual(100);
});

it('when the answers are wrong, then the modal shows each problem and nothing is saved', async () => {
  const answer = await submit(
    Users.lead,
    values({
      settings_timezone: { timezone: viewInput.text('Mars/Olympus') },
      settings_opens: { opens: viewInput.time('17:00') },
      settings_closes: { closes: viewInput.time('09:00') },
      settings_cadenceUrgent: { cadenceUrgent: { type: 'number_input', value: '0' } },
    }),
  );
  expect(answer.response_action).toBe('errors');
  expect(Object.keys(answer.errors ?? {}).sort()).toEqual(['settings_cadenceUrgent', 'settings_closes', 'settings_timezone']);
});

it('when a team lead saves, then every later request in the channel uses the new settings at once', async () => {
  expect(await submit(Users.lead, values())).toEqual({});
  await h.slack.waitForCall('chat.postEphemeral', (c) => c.args.user === Users.lead && /saved/.test(String(c.args.text)));

  const { ts } = await drive.newRequest('Raportit puuttuvat');
  const thread = drive.clientThread(ts);
  // Auto-assigned to the default owner at once: the acknowledgement, in Finnish, names her.
  expect(thread).toEqual([expect.stringMatching(/^Kiitos, Maria – pyyntösi on vastaanotettu\. Asiaasi hoitaa tiimistämme Aino\. Kerromme tilanteesta viimeistään /)]);

  const status = await h.send.command(slashCommand({ user_id: Users.lead, channel_id: Channels.internal, text: 'acme oy', response_url: h.slack.responseUrl() }));
  expect(status.body).toContain('Raportit puuttuvat');

  // The modal opens again with what was saved.
  await settingsCommand(Users.lead);
  const json = JSON.stringify(drive.lastModal().blocks);
  expect(json).toContain('"initial_value":"Acme Oy"');
  expect(json).toContain('"initial_value":"120"');
  const blocks = drive.lastModal().blocks as Array<{ block_id?: string; element?: { initial_users?: string[]; initial_options?: Array<{ value: string }> } }>;
  expect(blocks.find((b) => b.block_id === 'settings_onCallIds')?.element?.initial_users).toEqual([Users.lead]);
  expect(blocks.find((b) => b.block_id === 'settings_toggles')?.element?.initial_options?.map((o) => o.value)).toContain('urgentAroundTheClock');
});

it('when a team lead sets the holding line and the days before a silent client is reminded, then they are saved and shown again; out of range, they are refused', async () => {
  await settingsCommand(Users.lead);
  const before = JSON.stringify(drive.lastModal().blocks);
  expect(before).toContain('"block_id":"settings_clientNudgeDays"');
  expect(before).toMatch(/"action_id":"clientNudgeDays"[^}]*"initial_value":"2"/); // CLIENT_NUDGE_DAYS' default

  const refused = await submit(Users.lead, values({ settings_clientNudgeDays: { clientNudgeDays: { type: 'number_input', value: '31' } } }));
  expect(refused).toMatchObject({ response_action: 'errors', errors: { settings_clientNudgeDays: 'A whole number of working days from 0 to 30.' } });

  const toggles = ['autoAcknowledge', 'pleasantryFilter', 'holdingLine'];
  expect(
    await submit(
      Users.lead,
      values({
        settings_clientNudgeDays: { clientNudgeDays: { type: 'number_input', value: '5' } },
        settings_toggles: { toggles: { type: 'checkboxes', selected_options: toggles.map(option) } },
      }),
    ),
  ).toEqual({});
  await settingsCommand(Users.lead);
  const after = JSON.stringify(drive.lastModal().blocks);
  expect(after).toMatch(/"action_id":"clientNudgeDays"[^}]*"initial_value":"5"/);
  const initialToggles = after.slice(after.indexOf('"action_id":"toggles"'));
  expect(initialToggles).toMatch(/"initial_options":\[[^\]]*"value":"holdingLine"/);

  // Saved without the tick, the holding line is off.
  expect(await submit(Users.lead, values())).toEqual({});
  await settingsCommand(Users.lead);
  const off = JSON.stringify(drive.lastModal().blocks);
  expect(off.slice(off.indexOf('"action_id":"toggles"'))).not.toMatch(/"initial_options":\[[^\]]*"value":"holdingLine"/);
});

it.each([
  ['a consultant who is no team lead', Users.consultant, Channels.shared, 'Only team leads can change channel settings.'],
  ['a client', Users.client, Channels.shared, 'Sorry, this is only available to members of Kuittaus Test.'],
  ['a team lead outside a channel', Users.lead, 'D0LEAD', 'Run `/status settings` in the client channel whose settings you want to change.'],
])('when %s runs it, then no modal opens and they are told why', async (_label, user, channel, expected) => {
  const before = h.slack.callsTo('views.open').length;
  const res = await settingsCommand(user, channel);
  expect((JSON.parse(res.body) as { text?: string }).text).toBe(expected);
  expect(h.slack.callsTo('views.open')).toHaveLength(before);
});
