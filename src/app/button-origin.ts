/**
 * A button carries a request id, and the message it is on may say which request that is: the
 * triage card is recorded on its request (cardTs). A click on a card, or in a card's thread, that
 * is not the request's own card is refused, so that an id on a stale card never acts on another
 * request. Buttons elsewhere (DM prompts) have nothing to compare and pass.
 */
import type { Deps } from './deps';
import { KuittausError } from './errors/kuittaus-error';

export interface ButtonOrigin {
  requestId: string;
  channelId: string | undefined;
  message: { ts: string; threadTs?: string } | undefined;
}

export async function assertButtonOnItsCard(deps: Pick<Deps, 'host' | 'requests'>, origin: ButtonOrigin): Promise<void> {
  if (!origin.channelId || !origin.message) return;
  const request = await deps.requests.get(deps.host.teamId, origin.requestId);
  if (!request?.cardTs || request.cardChannelId !== origin.channelId) return;
  const card = origin.message.threadTs ?? origin.message.ts;
  if (card !== request.cardTs) {
    throw new KuittausError('BUTTON_NOT_FOR_THIS_MESSAGE', `a button of ${origin.requestId} on ${origin.channelId}/${card}, not on its card`);
  }
}
