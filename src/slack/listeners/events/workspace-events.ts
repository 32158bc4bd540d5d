/**
 * Events that change what Kuittaus may do: uninstalled or its tokens revoked (readiness red, work
 * parked), a channel lost or regained (its requests paused or resumed), a channel's id changed
 * (its requests follow), a tracked message deleted or edited (withdrawn, or the excerpt follows).
 */
import { type ChannelLoss, channelLost, channelRegained, trackedMessageDeleted, trackedMessageEdited } from '../../../app/lifecycle/channel-events';
import { channelMoved } from '../../../app/lifecycle/channel-moved';
import type { ListenerContext } from '../context';
import type { ListenerRouter } from '../router';

type ChannelEvent = { channel?: unknown; user?: unknown; is_ext_shared?: unknown };

export function registerWorkspaceEvents(on: ListenerRouter, { deps, auth }: ListenerContext): void {
  const teamId = deps.host.teamId;
  const channelOf = (event: ChannelEvent) => (typeof event.channel === 'string' ? event.channel : undefined);
  const lost = (name: string, reason: ChannelLoss, applies: (e: ChannelEvent) => boolean = () => true) =>
    on.event(name, async ({ event }) => {
      const channel = channelOf(event as ChannelEvent);
      if (channel && applies(event as ChannelEvent)) await channelLost(deps, teamId, channel, reason);
    });
  const regained = (name: string, applies: (e: ChannelEvent) => boolean = () => true) =>
    on.event(name, async ({ event }) => {
      const channel = channelOf(event as ChannelEvent);
      if (channel && applies(event as ChannelEvent)) await channelRegained(deps, teamId, channel);
    });
  const isBot = (e: ChannelEvent) => e.user === deps.host.botUserId;

  on.event('app_uninstalled', async () => auth.markBroken('app_uninstalled'));
  on.event('tokens_revoked', async () => auth.markBroken('tokens_revoked'));

  lost('member_left_channel', 'not_in_channel', isBot);
  lost('channel_left', 'not_in_channel');
  lost('group_left', 'not_in_channel');
  lost('channel_archive', 'is_archived');
  lost('group_archive', 'is_archived');
  lost('channel_deleted', 'channel_not_found');
  lost('group_deleted', 'channel_not_found');
  lost('channel_unshared', 'channel_unshared', (e) => e.is_ext_shared === false);
  regained('member_joined_channel', isBot);
  regained('channel_unarchive');
  regained('group_unarchive');
  regained('channel_shared');

  on.event('channel_id_changed', async ({ event }) => {
    await channelMoved(deps, teamId, event.old_channel_id, event.new_channel_id);
  });
}

/** A `message` event about an earlier message: deleted or edited. True when it was one. */
export async function handleMessageChange(ctx: ListenerContext, event: unknown): Promise<boolean> {
  const e = event as { subtype?: unknown; channel?: unknown; deleted_ts?: unknown; message?: { ts?: unknown; text?: unknown } };
  if (typeof e.channel !== 'string') return false;
  const teamId = ctx.deps.host.teamId;
  if (e.subtype === 'message_deleted') {
    if (typeof e.deleted_ts === 'string') await trackedMessageDeleted(ctx.deps, teamId, e.channel, e.deleted_ts);
    return true;
  }
  if (e.subtype === 'message_changed') {
    if (typeof e.message?.ts === 'string' && typeof e.message.text === 'string') {
      await trackedMessageEdited(ctx.deps, teamId, e.channel, e.message.ts, e.message.text);
    }
    return true;
  }
  return false;
}
