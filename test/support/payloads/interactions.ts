/** Interactivity payloads (sent as form field `payload=<json>`), shaped like Slack's. */
import { nextTriggerId, nextTs, nextViewId } from '../slack-ids';
import { APP_ID, BOT_ID, BOT_USER, HOST_TEAM } from '../slack-emulator/fixtures';
import { VERIFICATION_TOKEN, responseUrl, teamObject, userObject } from './common';
import { viewOutput } from './views';

/** A message as interaction payloads carry it; only ts is needed. */
export type MessageRef = { ts: string; type?: 'message'; user?: string; text?: string; [key: string]: unknown };

export interface BlockActionInput {
  user: string;
  /** The clicker's team: T0CLIENT etc. for people of other organisations. */
  userTeamId?: string;
  actionId: string;
  value?: string;
  blockId?: string;
  channel?: string;
  /** The message holding the button (a bot message); at least its ts. */
  message?: MessageRef;
  /** For buttons in a modal or on the Home tab: the view (id, callback_id, …). */
  view?: { id?: string; type?: 'modal' | 'home'; callback_id?: string; private_metadata?: string; state?: { values: Record<string, unknown> } };
  container?: Record<string, unknown>;
  triggerId?: string;
  responseUrl?: string;
  /** Overrides of the action element, e.g. `{ type: 'users_select', selected_user: 'U1' }`. */
  action?: Record<string, unknown>;
  /** state.values of the message's (or view's) inputs. */
  values?: Record<string, Record<string, unknown>>;
}

/** `block_actions`: a click on a button (or another element, via `action`). */
export function blockAction(a: BlockActionInput) {
  const inView = a.view !== undefined;
  const viewId = a.view?.id ?? nextViewId();
  const messageTs = a.message?.ts ?? nextTs();
  const container =
    a.container ??
    (inView
      ? { type: 'view', view_id: viewId }
      : { type: 'message', message_ts: messageTs, ...(a.channel ? { channel_id: a.channel } : {}), is_ephemeral: false });
  return {
    type: 'block_actions' as const,
    user: userObject(a.user, a.userTeamId),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    container,
    trigger_id: a.triggerId ?? nextTriggerId(),
    team: teamObject(),
    enterprise: null,
    is_enterprise_install: false,
    ...(a.channel ? { channel: { id: a.channel, name: 'channel' } } : {}),
    ...(inView
      ? { view: viewOutput({ id: viewId, type: a.view?.type ?? 'modal', callbackId: a.view?.callback_id ?? '', privateMetadata: a.view?.private_metadata ?? '', values: a.values ?? {} }) }
      : { message: { type: 'message', user: BOT_USER, bot_id: BOT_ID, app_id: APP_ID, text: '', team: HOST_TEAM, blocks: [], ...a.message, ts: messageTs } }),
    state: { values: a.values ?? {} },
    ...(inView ? {} : { response_url: a.responseUrl ?? responseUrl('actions') }),
    actions: [
      {
        action_id: a.actionId,
        block_id: a.blockId ?? 'actions',
        text: { type: 'plain_text', text: 'Button', emoji: true },
        ...(a.value !== undefined ? { value: a.value } : {}),
        type: 'button',
        action_ts: nextTs(),
        ...a.action,
      },
    ],
  };
}

/** `message_action`: a message shortcut ("Track as request") on `message`. */
export function messageShortcut(s: { callbackId: string; user: string; userTeamId?: string; channel: string; message: MessageRef; triggerId?: string; responseUrl?: string }) {
  return {
    type: 'message_action' as const,
    token: VERIFICATION_TOKEN,
    action_ts: nextTs(),
    team: teamObject(),
    user: userObject(s.user, s.userTeamId),
    channel: { id: s.channel, name: 'channel' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: s.callbackId,
    trigger_id: s.triggerId ?? nextTriggerId(),
    response_url: s.responseUrl ?? responseUrl('app'),
    message_ts: s.message.ts,
    message: { type: 'message' as const, ...s.message },
  };
}

export interface ViewSubmissionInput {
  callbackId: string;
  user: string;
  userTeamId?: string;
  /** state.values: block_id → action_id → value (see `viewInput`). */
  values: Record<string, Record<string, unknown>>;
  privateMetadata?: string;
  viewId?: string;
  title?: string;
  hash?: string;
  blocks?: unknown[];
  triggerId?: string;
}

/** `view_submission` of a modal. */
export function viewSubmission(v: ViewSubmissionInput) {
  return {
    type: 'view_submission' as const,
    team: teamObject(),
    user: userObject(v.user, v.userTeamId),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: v.triggerId ?? nextTriggerId(),
    view: viewOutput({
      id: v.viewId ?? nextViewId(),
      type: 'modal',
      callbackId: v.callbackId,
      privateMetadata: v.privateMetadata ?? '',
      values: v.values,
      ...(v.title !== undefined ? { title: v.title } : {}),
      ...(v.hash !== undefined ? { hash: v.hash } : {}),
      ...(v.blocks !== undefined ? { blocks: v.blocks } : {}),
    }),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
