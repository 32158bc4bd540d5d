/** `/status`: always ephemeral; the page is the command's own answer (no extra API call). */
import type { App, BlockButtonAction } from '@slack/bolt';
import { isKuittausError } from '../../../app/errors/kuittaus-error';
import { type StatusQuery, showStatus } from '../../../app/status/show-status';
import { t } from '../../../i18n';
import { statusMessage, statusUsage } from '../../blocks/status';
import { replyFor } from '../../error-replies';
import { ActionId, Command } from '../../ids';
import { type StatusArgs, parseStatusArgs } from '../../status-args';
import type { ListenerContext } from '../context';

type Answer = { text: string; blocks: unknown[] };

export function registerStatus(app: App, ctx: ListenerContext): void {
  const { deps, language } = ctx;

  /** The answer to `text` run by `userId` in `channelId`, from row `offset` on. */
  const answer = async (text: string, userId: string, channelId: string | undefined, offset: number): Promise<Answer> => {
    const args: StatusArgs = parseStatusArgs(text);
    if (args.kind === 'help') return statusUsage(language);
    if (args.kind === 'report' || args.kind === 'settings') return { text: t(language, 'comingSoon'), blocks: [] };
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

  app.command(Command.Status, async ({ ack, command }) => {
    const { text, blocks } = await answer(command.text ?? '', command.user_id, command.channel_id, 0);
    await ack({ response_type: 'ephemeral', text, ...(blocks.length > 0 ? { blocks: blocks as never } : {}) });
  });

  app.action<BlockButtonAction>(ActionId.StatusShowMore, async ({ ack, body, action, respond }) => {
    await ack();
    let more: { q?: unknown; o?: unknown; c?: unknown };
    try {
      more = JSON.parse(action.value ?? '') as typeof more;
    } catch {
      deps.log.warn({ actionId: ActionId.StatusShowMore }, 'malformed action ignored');
      return;
    }
    const offset = typeof more.o === 'number' && more.o > 0 ? Math.floor(more.o) : 0;
    const channelId = typeof more.c === 'string' && more.c ? more.c : undefined;
    const { text, blocks } = await answer(typeof more.q === 'string' ? more.q : '', body.user.id, channelId, offset);
    await respond({ response_type: 'ephemeral', replace_original: true, text, ...(blocks.length > 0 ? { blocks: blocks as never } : {}) });
  });
}
