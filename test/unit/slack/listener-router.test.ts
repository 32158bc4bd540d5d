/** The listener tables behind one Bolt listener per kind, driven through a real Bolt App. */
import { App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { ListenerRouter } from '../../../src/slack/listeners/router';
import { blockAction, eventEnvelope, messageEvent, reactionAddedEvent, viewSubmission } from '../../support/builders';

const Channels = { shared: 'C0SHARED', triage: 'C0TRIAGE' };
const Users = { client: 'U0CLIENT', consultant: 'U0CONSULT' };

/** A receiver that only hands Bolt what the test gives it. */
const quietReceiver: Receiver = { init: () => undefined, start: async () => undefined, stop: async () => undefined };

function appWith(router: ListenerRouter, unclaimed: string[]) {
  const app = new App({ receiver: quietReceiver, token: 'xoxb-test', botId: 'B0BOT', botUserId: 'U0BOT', tokenVerificationEnabled: false });
  const errors: unknown[] = [];
  app.error(async (error) => {
    errors.push(error);
  });
  router.install(app, {
    action: async ({ ack, body }) => {
      await ack();
      unclaimed.push(`action:${body.type}`);
    },
    view: async ({ ack, body }) => {
      await ack();
      unclaimed.push(`view:${body.type}`);
    },
  });
  const deliver = async (body: unknown) => {
    let acked = false;
    const event: ReceiverEvent = { body: body as Record<string, unknown>, ack: async () => void (acked = true) };
    await app.processEvent(event);
    return acked;
  };
  return { deliver, errors };
}

const message = () => eventEnvelope(messageEvent({ channel: Channels.shared, user: Users.client, text: 'the export fails', ts: '1700000000.000100' }));
const reaction = () => eventEnvelope(reactionAddedEvent({ user: Users.consultant, reaction: 'ticket', channel: Channels.shared, ts: '1700000000.000100', item_user: Users.client }));
const click = (actionId: string) => blockAction({ user: Users.consultant, actionId, value: 'R1', channel: Channels.triage, message: { ts: '1700000000.000200' } });
const submit = (callbackId: string) => viewSubmission({ user: Users.consultant, callbackId, values: {}, privateMetadata: '' });

describe('ListenerRouter', () => {
  it('when an event arrives, then every listener of its type runs and no other', async () => {
    const ran: string[] = [];
    const on = new ListenerRouter();
    on.event('message', async () => void ran.push('message 1'));
    on.event('message', async () => void ran.push('message 2'));
    on.event('reaction_added', async () => void ran.push('reaction'));
    const { deliver } = appWith(on, []);

    await deliver(message());
    expect(ran.sort()).toEqual(['message 1', 'message 2']);
    ran.length = 0;
    await deliver(reaction());
    expect(ran).toEqual(['reaction']);
  });

  it('when an event has no listener, then nothing runs and nothing fails', async () => {
    const on = new ListenerRouter();
    const { deliver, errors } = appWith(on, []);
    await deliver(reaction());
    expect(errors).toEqual([]);
  });

  it.each([
    ['one of two listeners fails', 1, 'the export broke'],
    ['both listeners fail', 2, '2 listeners failed'],
  ])('when %s, then the event fails (so that Slack retries it)', async (_case, failing, message_) => {
    const on = new ListenerRouter();
    let ranOther = false;
    on.event('message', async () => {
      throw new Error('the export broke');
    });
    on.event('message', async () => {
      if (failing === 2) throw new Error('so did this');
      ranOther = true;
    });
    const { deliver, errors } = appWith(on, []);
    await deliver(message());
    expect(errors).toHaveLength(1);
    expect(String((errors[0] as { original?: unknown }).original ?? errors[0])).toContain(message_);
    if (failing === 1) expect(ranOther).toBe(true);
  });

  it('when a button is clicked, then only the listener of its action id runs; an unknown id goes to the fallback', async () => {
    const ran: string[] = [];
    const unclaimed: string[] = [];
    const on = new ListenerRouter();
    on.action('request_claim', async ({ ack, action }) => {
      await ack();
      ran.push(`claim ${(action as { value?: string }).value}`);
    });
    on.action('request_dismiss', async ({ ack }) => {
      await ack();
      ran.push('dismiss');
    });
    const { deliver } = appWith(on, unclaimed);

    expect(await deliver(click('request_claim'))).toBe(true);
    expect(ran).toEqual(['claim R1']);
    expect(await deliver(click('forged_action'))).toBe(true);
    expect(ran).toEqual(['claim R1']);
    expect(unclaimed).toEqual(['action:block_actions']);
  });

  it('when a modal is submitted, then the listener of its callback id runs; an unknown one and a close go to the fallback', async () => {
    const ran: string[] = [];
    const unclaimed: string[] = [];
    const on = new ListenerRouter();
    on.view('eta_modal', async ({ ack }) => {
      await ack();
      ran.push('eta');
    });
    const { deliver } = appWith(on, unclaimed);

    expect(await deliver(submit('eta_modal'))).toBe(true);
    expect(await deliver(submit('never_sent_modal'))).toBe(true);
    expect(await deliver({ ...submit('eta_modal'), type: 'view_closed', is_cleared: false })).toBe(true);
    expect(ran).toEqual(['eta']);
    expect(unclaimed).toEqual(['view:view_submission', 'view:view_closed']);
  });

  it.each([
    ['action', (on: ListenerRouter) => on.action('request_claim', async () => undefined)],
    ['view', (on: ListenerRouter) => on.view('eta_modal', async () => undefined)],
  ])('when two listeners claim one %s id, then registering the second fails', (_kind, register) => {
    const on = new ListenerRouter();
    register(on);
    expect(() => register(on)).toThrow(/two listeners/);
  });
});
