/**
 * Who may own and drive a request: [Assign…] with its user picker, round-robin auto-assignment
 * to the channel's default owners, the owner's :white_check_mark:, triage reminders for unowned
 * requests, and a polite refusal with nothing changed for anyone who is not one of us.
 */
import { viewInput } from '../support/builders';
import { Channels, type Harness, PinnedClock, Users, startHarness } from './harness';
import { dm, lifecycleDriver } from './support/lifecycle-driver';

const MINUTE = 60_000;

describe('assigning and refusing', () => {
  const clock = new PinnedClock();
  let h: Harness;
  let drive: ReturnType<typeof lifecycleDriver>;
  beforeAll(async () => {
    h = await startHarness({ name: 'owning', clock });
    drive = lifecycleDriver(h);
  });
  afterAll(() => h.stop());
  beforeEach(async () => {
    await h.idle();
    h.slack.reset();
  });

  const refusal = /^Sorry, this is only available to members of/;
  /** Refusals: ephemeral where the click happened, or a DM from the app for modals (no channel). */
  const refusals = (user: string) => [
    ...h.slack.callsTo('chat.postEphemeral', (c) => c.args.user === user && refusal.test(String(c.args.text))),
    ...h.slack.callsTo('chat.postMessage', (c) => c.args.channel === user && refusal.test(String(c.args.text))),
  ];

  it('when a lead assigns the request with the user picker, then the assignee owns it, the client is told and the assignee is asked for an ETA', async () => {
    const { ts, requestId } = await drive.newRequest('VPN drops every hour');
    await drive.click(Users.lead, 'request_assign', requestId);
    const modal = drive.lastModal();
    expect(modal.callback_id).toBe('assign_modal');
    expect(JSON.stringify(modal.blocks)).toContain('"type":"users_select"');

    const res = await drive.submit(Users.lead, 'assign_modal', requestId, { assign_user_block: { assign_user: viewInput.user(Users.consultant) } });
    expect(res.response_action).toBeUndefined();
    // Told in the acknowledgement, edited in place (it came within the first minutes).
    expect(drive.clientThread(ts)).toEqual([expect.stringMatching(/^Thanks, Maria — we've received your request\. Aino from our team is on it\. You'll get/)]);
    expect(String(drive.lastDm(Users.consultant, /When do you expect/).args.text)).toContain('VPN drops every hour');
    // A modal has no channel to answer in: the answer comes as a DM from the app.
    await h.slack.waitForCall('chat.postMessage', (c) => c.args.channel === Users.lead && /<@U0AINO> owns this request now/.test(String(c.args.text)));
  });

  it('when someone from the client organisation is picked, then the modal says they cannot own it and nothing changes', async () => {
    const { ts, requestId, client } = await drive.newRequest('Printer offline');
    const res = await drive.submit(Users.lead, 'assign_modal', requestId, { assign_user_block: { assign_user: viewInput.user(client) } });
    expect(res.response_action).toBe('errors');
    expect(res.errors?.assign_user_block).toBe('Maria cannot own requests: only members of our team can.');
    expect(drive.clientThread(ts)).toHaveLength(1); // the acknowledgement only
  });

  it('when a client presses the owner\'s buttons or forges a modal, then each is refused and nothing reaches the thread', async () => {
    const { ts, requestId, client } = await drive.newRequest('Invoices are missing');
    await drive.click(Users.consultant, 'request_claim', requestId);
    const before = drive.clientThread(ts).length;

    for (const action of ['request_still_on_it', 'request_wait_on_client', 'request_set_eta', 'request_post_update', 'request_resolve', 'request_assign', 'request_reopen']) {
      await drive.click(client, action, requestId, { channel: Channels.shared, ts });
    }
    await drive.submit(client, 'update_modal', requestId, { update_text_block: { update_text: viewInput.text('<!channel> pwned') } });
    await drive.submit(client, 'resolve_modal', requestId, { resolve_summary_block: { resolve_summary: viewInput.text('done') } });
    await drive.submit(client, 'wait_modal', requestId, { wait_need_block: { wait_need: viewInput.text('<!channel> your password') } });
    await h.idle();

    expect(refusals(client)).toHaveLength(10);
    expect(h.slack.callsTo('views.open')).toHaveLength(0);
    expect(drive.clientThread(ts)).toHaveLength(before);
  });

  it('when the owner adds :white_check_mark: to the client\'s message, then the request is resolved; the client\'s own check mark does nothing', async () => {
    const { ts, requestId, client } = await drive.newRequest('Calendar invites bounce');
    await drive.click(Users.consultant, 'request_claim', requestId);
    await drive.react(client, 'white_check_mark', Channels.shared, ts);
    expect(drive.clientThread(ts).some((text) => text.startsWith('Resolved'))).toBe(false);

    await drive.react(Users.consultant, 'white_check_mark', Channels.shared, ts);
    expect(drive.clientThread(ts).at(-1)).toMatch(/^Resolved\.\nHow did we do\?/);
    expect(h.slack.reactionsOn(Channels.shared, ts)).toContain('white_check_mark');
    expect(h.slack.reactionsOn(Channels.shared, ts)).not.toContain('eyes');
  });

  it('when nobody owns a request and its update falls due, then the reminder goes to the card\'s thread with [Claim]', async () => {
    const { requestId } = await drive.newRequest('SSO login loops');
    const card = h.slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.triage && c.args.thread_ts === undefined).at(-1);
    await h.advance(46 * MINUTE);
    const reminder = h.slack.callsTo('chat.postMessage', (c) => c.args.channel === Channels.triage && c.args.thread_ts === (card?.response as { ts: string }).ts).at(-1);
    expect(String(reminder?.args.text)).toMatch(/^Update due at .+ nobody owns this request yet/);
    expect(JSON.stringify(reminder?.args.blocks)).toContain(`"value":"${requestId}"`);
    expect(h.slack.callsTo('chat.postMessage', (c) => c.args.channel === dm(Users.consultant) && /SSO login loops/.test(String(c.args.text)))).toHaveLength(0);
  });
});

describe('auto-assignment to the channel\'s default owners', () => {
  let h: Harness;
  let drive: ReturnType<typeof lifecycleDriver>;
  beforeAll(async () => {
    h = await startHarness({ name: 'auto-assign', env: { DEFAULT_OWNERS: `${Users.consultant},${Users.lead}` } });
    drive = lifecycleDriver(h);
  });
  afterAll(() => h.stop());

  it('when requests arrive, then they go to the default owners in turn and each owner is asked for an ETA', async () => {
    const first = await drive.newRequest('Disk full on build server');
    const second = await drive.newRequest('Wiki search is broken');
    const third = await drive.newRequest('Cannot reset password');
    await h.idle();

    // Each is told in its acknowledgement, edited in place (the owner came at once).
    const owners = [first, second, third].map(({ ts }) => /\. (\w+ from our team is on it)\./.exec(drive.clientThread(ts).join('\n'))?.[1]);
    expect(owners).toEqual(['Aino from our team is on it', 'Leena from our team is on it', 'Aino from our team is on it']);
    for (const { ts } of [first, second, third]) expect(drive.clientThread(ts)).toHaveLength(1);
    expect(drive.dmsTo(Users.consultant).filter((c) => /When do you expect/.test(String(c.args.text)))).toHaveLength(2);
    expect(drive.dmsTo(Users.lead).filter((c) => /When do you expect/.test(String(c.args.text)))).toHaveLength(1);
  });
});
