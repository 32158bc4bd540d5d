/** Buttons on the owner's prompts (DMs, the triage thread) and on the card that drive a request. */
import { assertAllowed, loadRequest } from '../../../app/lifecycle/apply-command';
import { declineReopen, reopenRequest } from '../../../app/lifecycle/resolution';
import { stillOnIt } from '../../../app/lifecycle/updates';
import { assertInternal } from '../../../app/assert-internal';
import { formatDueTimeFor, t } from '../../../i18n';
import { etaMissed } from '../../../domain/eta';
import { type ModalMetadata, assignModal, etaModal, resolveModal, updateModal, waitModal } from '../../blocks/modals';
import { ActionId } from '../../ids';
import { truncate } from '../../blocks/mrkdwn';
import type { ListenerContext } from '../context';
import { type Clicked, onModalButton, onRequestButton } from './request-buttons';
import type { ListenerRouter } from '../router';

/** How much of a prompt's text a modal carries, to show it again once answered. */
const PROMPT_TEXT_KEPT = 1000;

export function registerLifecycleActions(on: ListenerRouter, ctx: ListenerContext): void {
  const { deps, language } = ctx;
  const teamId = deps.host.teamId;

  const modalInput = async ({ requestId, channelId, message }: Clicked) => {
    const request = await loadRequest(deps, teamId, requestId);
    const settings = await deps.settings.forChannel(teamId, request.channelId);
    // A prompt's text goes along (cut: private_metadata holds 3 000 characters) to keep it when its buttons go.
    const prompt = channelId && message ? { prompt: { channel: channelId, ts: message.ts, text: truncate(message.text, PROMPT_TEXT_KEPT) } } : {};
    const metadata: ModalMetadata = { requestId, ...prompt };
    return { request, settings, metadata, language: settings.language };
  };

  onModalButton(on, ctx, ActionId.SetEta, async (clicked) => {
    const { request, settings, metadata, language: lang } = await modalInput(clicked);
    const tz = settings.businessHours.timezone;
    const now = deps.clock.now();
    const currentEta = request.etaAt === undefined ? undefined : formatDueTimeFor(deps.settingsTimezone, request.etaAt, now, tz, lang);
    const etaPassed = request.etaAt !== undefined && etaMissed(request.etaAt, now, false);
    return etaModal({ request, language: lang, metadata, timezone: tz, etaPassed, ...(currentEta ? { currentEta } : {}) });
  });
  onModalButton(on, ctx, ActionId.PostUpdate, async (clicked) => {
    const { request, settings, metadata, language: lang } = await modalInput(clicked);
    const tz = settings.businessHours.timezone;
    const now = deps.clock.now();
    // The ETA in force has passed: the modal says so and asks for a new one or "no new estimate yet".
    const passedEta = request.etaAt !== undefined && etaMissed(request.etaAt, now, false) ? formatDueTimeFor(deps.settingsTimezone, request.etaAt, now, tz, lang) : undefined;
    return updateModal({ request, language: lang, metadata, timezone: tz, ...(passedEta ? { passedEta } : {}) });
  });
  onModalButton(on, ctx, ActionId.WaitOnClient, async (clicked) => {
    const { request, metadata, language: lang } = await modalInput(clicked);
    // Nobody owns it, it waits already, or it is closed: said at once, not after the modal.
    assertAllowed(request, { type: 'wait_on_client' });
    return waitModal({ request, language: lang, metadata });
  });
  onModalButton(on, ctx, ActionId.Resolve, async (clicked) => {
    const { request, metadata, language: lang } = await modalInput(clicked);
    return resolveModal({ request, language: lang, metadata });
  });
  onModalButton(on, ctx, ActionId.Assign, async (clicked) => {
    const { request, metadata, language: lang } = await modalInput(clicked);
    return assignModal({ request, language: lang, metadata, ...(request.ownerId ? { currentOwnerId: request.ownerId } : {}) });
  });

  onRequestButton(on, ctx, ActionId.StillOnIt, async ({ requestId, userId }) => {
    await stillOnIt(deps, teamId, requestId, userId);
    return { answered: t(language, 'prompt.done.stillOnIt') };
  });
  onRequestButton(on, ctx, ActionId.OnTrackYes, async ({ requestId, userId }) => {
    await assertInternal(deps, teamId, userId);
    const now = deps.clock.now();
    const confirmed = await deps.requests.update(teamId, requestId, {}, { type: 'on_track_confirmed', at: now, actorId: userId }, ['open', 'in_progress', 'waiting_on_client']);
    if (!confirmed) await loadRequest(deps, teamId, requestId); // not found → a friendly error
    return { answered: t(language, 'prompt.done.onTrack') };
  });
  onRequestButton(on, ctx, ActionId.Reopen, async ({ requestId, userId }) => {
    await reopenRequest(deps, teamId, requestId, userId);
    return { answered: t(language, 'prompt.done.reopened') };
  });
  onRequestButton(on, ctx, ActionId.NoActionNeeded, async ({ requestId, userId }) => {
    await declineReopen(deps, teamId, requestId, userId);
    return { answered: t(language, 'prompt.done.noAction') };
  });
}
