import type { MessageShortcut } from '@slack/bolt';
import { assertInternal } from '../../../app/assert-internal';
import { t } from '../../../i18n';
import { replyFor } from '../../error-replies';
import { CallbackId } from '../../ids';
import { messageFactsFrom } from '../../payloads';
import type { ListenerContext } from '../context';
import { replyEphemeral } from '../reply';
import type { ListenerRouter } from '../router';

/** The "Track as request" message shortcut, for anything the automatic rules missed. */
export function registerTrackAsRequest(on: ListenerRouter, { deps, inFlight, language }: ListenerContext): void {
  on.shortcut<MessageShortcut>(CallbackId.TrackAsRequest, async ({ ack, shortcut, client }) => {
    await ack();
    const channelId = shortcut.channel?.id;
    const message = messageFactsFrom(shortcut.message, channelId);
    const user = shortcut.user.id;
    if (!channelId || !message) {
      deps.log.warn({ callbackId: CallbackId.TrackAsRequest }, 'malformed shortcut ignored');
      return;
    }
    inFlight.run(async () => {
      const where = { channel: channelId, user };
      try {
        await assertInternal(deps, deps.host.teamId, user);
        if (await deps.requests.findByMessage(deps.host.teamId, channelId, message.ts)) {
          return replyEphemeral(client, deps.log, where, t(language, 'track.already'));
        }
        await deps.intake.add({
          kind: 'track',
          teamId: deps.host.teamId,
          trigger: 'shortcut',
          actorId: user,
          channelId,
          ts: message.ts,
          message,
        });
        await replyEphemeral(client, deps.log, where, t(language, 'track.done'));
      } catch (error) {
        await replyEphemeral(client, deps.log, where, replyFor(error, { lang: language, log: deps.log, teamName: deps.host.teamName }, { user }));
      }
    });
  });
}
