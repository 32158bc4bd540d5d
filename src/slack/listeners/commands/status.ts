/** `/status`: always ephemeral; the page is the command's own answer (no extra API call). */
import type { BlockButtonAction, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { saveChannelSettings, settingsFormFor } from '../../../app/settings/channel-settings';
import { reportFor } from '../../../app/status/report';
import { replayDeadLetters } from '../../../app/replay-dead-letters';
import { reportMessage } from '../../blocks/report';
import { decideSettings } from '../../../domain/settings-form';
import { readSettingsForm, settingsErrors, settingsModal } from '../../blocks/settings-modal';
import { replyEphemeral } from '../reply';
import { isKuittausError } from '../../../app/errors/kuittaus-error';
import { type StatusQuery, showStatus } from '../../../app/status/show-status';
import { t } from '../../../i18n';
import { statusMessage, statusUsage } from '../../blocks/status';
import { replyFor } from '../../error-replies';
import { ActionId, CallbackId, Command } from '../../ids';
import { type StatusArgs, parseStatusArgs } from '../../status-args';
import type { ListenerContext } from '../context';
import { subjectLink } from '../../blocks/client-data';
import { askToErase, sendExport } from './client-data';
import type { ListenerRouter } from '../router';

type Answer = { text: string; blocks: unknown[] };

export function registerStatus(on: ListenerRouter, ctx: ListenerContext): void {
  const { deps, language } = ctx;

  /** The answer to `text` run by `userId` in `channelId`, from row `offset` on. */
  const answer = async (text: string, userId: string, channelId: string | undefined, offset: number): Promise<Answer> => {
    const args: StatusArgs = parseStatusArgs(text);
    if (args.kind === 'help') return statusUsage(language);
    if (args.kind === 'report') {
      try {
        return reportMessage(await reportFor(deps, deps.host.teamId, userId), language, deps.settingsTimezone);
      } catch (error) {
        return { text: replyFor(error, { lang: language, log: deps.log, teamName: deps.host.teamName }, { command: 'report', user: userId }), blocks: [] };
      }
    }
    if (args.kind === 'settings') return { text: '', blocks: [] }; // handled by the command itself
    if (args.kind === 'export' || args.kind === 'erase') return { text: t(language, 'data.usage'), blocks: [] }; // the command's own
    if (args.kind === 'replay') {
      try {
        const count = await replayDeadLetters(deps, deps.host.teamId, userId);
        return { text: count === 0 ? t(language, 'replay.none') : t(language, 'replay.done', { count }), blocks: [] };
      } catch (error) {
        return { text: replyFor(error, { lang: language, log: deps.log, teamName: deps.host.teamName }, { command: 'replay', user: userId }), blocks: [] };
      }
    }
    const { kind: _kind, ...query } = args;
    try {
      const view = await showStatus(deps, deps.host.teamId, userId, query as StatusQuery, { channelId }, offset);
      return statusMessage({
        ...view,
        language,
        now: deps.clock.now(),
        workspaceUrl: deps.host.url,
        more: { text, channelId },
      });
    } catch (error) {
      if (isKuittausError(error, 'UNKNOWN_CLIENT')) {
        return statusUsage(language, t(language, 'status.unknownClient', { client: error.details.client ?? '' }));
      }
      const reply = replyFor(error, { lang: language, log: deps.log, teamName: deps.host.teamName }, { command: Command.Status, user: userId });
      return { text: reply, blocks: [] };
    }
  };

  on.command(Command.Status, async ({ ack, command, client, respond }) => {
    const args = parseStatusArgs(command.text ?? '');
    if (args.kind === 'export' || args.kind === 'erase') {
      const { subject } = args;
      if (!subject) {
        await ack({ response_type: 'ephemeral', text: t(language, 'data.usage') });
        return;
      }
      await ack({ response_type: 'ephemeral', text: t(language, args.kind === 'export' ? 'data.exportWorking' : 'data.counting', { subject: subjectLink(subject) }) });
      ctx.inFlight.run(() => (args.kind === 'export' ? sendExport(ctx, subject, command.user_id, client, respond) : askToErase(ctx, subject, command.user_id, respond)));
      return;
    }
    if (args.kind === 'settings') {
      await openSettings(command.channel_id, command.user_id, command.trigger_id, client, ack);
      return;
    }
    if (parseStatusArgs(command.text ?? '').kind === 'report') {
      // A report reads a week of event logs: answer at once, send it through the response_url.
      await ack({ response_type: 'ephemeral', text: t(language, 'report.working') });
      ctx.inFlight.run(async () => {
        const report = await answer(command.text ?? '', command.user_id, command.channel_id, 0);
        await respond({ response_type: 'ephemeral', replace_original: true, text: report.text, blocks: report.blocks as never }).catch(
          (error: unknown) => deps.log.warn({ err: error }, 'could not send the report through the response_url'),
        );
      });
      return;
    }
    const { text, blocks } = await answer(command.text ?? '', command.user_id, command.channel_id, 0);
    await ack({ response_type: 'ephemeral', text, ...(blocks.length > 0 ? { blocks: blocks as never } : {}) });
  });

  /** `/status settings`: the channel's settings modal, for team leads, in a channel. */
  const openSettings = async (channelId: string, userId: string, triggerId: string, client: WebClient, ack: (r?: object) => Promise<void>) => {
    if (!/^[CG]/.test(channelId)) {
      await ack({ response_type: 'ephemeral', text: t(language, 'settings.notInChannel') });
      return;
    }
    try {
      const form = await settingsFormFor(deps, deps.host.teamId, channelId, userId);
      await client.views.open({ trigger_id: triggerId, view: settingsModal(language, channelId, form) as never });
      await ack();
    } catch (error) {
      const reply = replyFor(error, { lang: language, log: deps.log, teamName: deps.host.teamName }, { command: 'settings', user: userId });
      await ack({ response_type: 'ephemeral', text: reply });
    }
  };

  on.view<ViewSubmitAction>(CallbackId.SettingsModal, async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    let channelId: string | undefined;
    try {
      channelId = (JSON.parse(view.private_metadata) as { channelId?: unknown }).channelId as string | undefined;
    } catch {
      channelId = undefined;
    }
    if (typeof channelId !== 'string' || !/^[CG][A-Z0-9]+$/.test(channelId)) {
      deps.log.warn({ callbackId: CallbackId.SettingsModal }, 'malformed view submission ignored');
      await ack();
      return;
    }
    const decided = decideSettings(readSettingsForm(view.state.values as never));
    if (!decided.ok) {
      await ack({ response_action: 'errors', errors: settingsErrors(language, decided.errors) });
      return;
    }
    await ack();
    const where = { channel: channelId, user: userId };
    ctx.inFlight.run(async () => {
      try {
        await saveChannelSettings(deps, deps.host.teamId, channelId as string, userId, decided.overrides);
        await replyEphemeral(client, deps.log, where, t(language, 'settings.saved', { channel: `<#${channelId}>` }));
      } catch (error) {
        const reply = replyFor(error, { lang: language, log: deps.log, teamName: deps.host.teamName }, { callbackId: CallbackId.SettingsModal, user: userId });
        await replyEphemeral(client, deps.log, where, reply);
      }
    });
  });

  on.action<BlockButtonAction>(ActionId.StatusShowMore, async ({ ack, body, action, respond }) => {
    await ack();
    let more: { q?: unknown; o?: unknown; c?: unknown };
    try {
      more = JSON.parse(action.value ?? '') as typeof more;
      if (typeof more !== 'object' || more === null) throw new TypeError('not an object');
    } catch {
      deps.log.warn({ actionId: ActionId.StatusShowMore }, 'malformed action ignored');
      return;
    }
    const offset = typeof more.o === 'number' && more.o > 0 ? Math.floor(more.o) : 0;
    const channelId = typeof more.c === 'string' && more.c ? more.c : undefined;
    const { text, blocks } = await answer(typeof more.q === 'string' ? more.q : '', body.user.id, channelId, offset);
    // The click is acknowledged already: a response_url that fails is worth a warning, not a retry.
    await respond({ response_type: 'ephemeral', replace_original: true, text, ...(blocks.length > 0 ? { blocks: blocks as never } : {}) }).catch(
      (error: unknown) => deps.log.warn({ err: error }, 'could not answer through the response_url'),
    );
  });
}
