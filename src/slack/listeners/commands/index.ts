import type { App } from '@slack/bolt';
import { t } from '../../../i18n';
import { Command } from '../../ids';
import type { ListenerContext } from '../context';

export function register(app: App, { language }: ListenerContext): void {
  // The team lead's view (/status) is built on the lifecycle; until then it says so.
  app.command(Command.Status, async ({ ack }) => {
    await ack({ response_type: 'ephemeral', text: t(language, 'comingSoon') });
  });
}
