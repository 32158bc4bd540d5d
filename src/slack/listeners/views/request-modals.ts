/**
 * Submissions of the request modals. Input problems go back into the modal (response_action
 * errors); otherwise the modal closes at once and the use case runs after the response.
 */
import { markAnswered } from '../mark-answered';
import type { ViewSubmitAction } from '@slack/bolt';
import { loadRequest } from '../../../app/lifecycle/apply-command';
import { assignRequest, canOwn } from '../../../app/lifecycle/owning';
import { resolveRequest } from '../../../app/lifecycle/resolution';
import { postUpdate, setEta } from '../../../app/lifecycle/updates';
import { waitOnClient } from '../../../app/lifecycle/waiting';
import { etaMissed } from '../../../domain/eta';
import { decideEta } from '../../../domain/eta-choice';
import { hoursFor } from '../../../domain/on-call';
import { t } from '../../../i18n';
import { ETA_PROBLEM_TEXT, type ModalMetadata, type ViewValues, readChecked, readEtaChoice, readMetadata, readText, readUser } from '../../blocks/modals';
import { mention } from '../../blocks/mrkdwn';
import { replyFor } from '../../error-replies';
import { ActionId, BlockId, CallbackId } from '../../ids';
import type { ListenerContext } from '../context';
import { replyEphemeral } from '../reply';
import type { ListenerRouter } from '../router';

type Errors = Record<string, string>;
type Outcome = { errors: Errors } | { run: () => Promise<string | undefined> };

export function registerRequestModals(on: ListenerRouter, ctx: ListenerContext): void {
  const { deps } = ctx;
  const teamId = deps.host.teamId;

  /** The ETA inputs' answer, in the request's channel settings; errors keyed by the block to show them under. */
  const etaOf = async (requestId: string, values: ViewValues, required: boolean) => {
    const request = await loadRequest(deps, teamId, requestId);
    const settings = await deps.settings.forChannel(teamId, request.channelId);
    const now = deps.clock.now();
    const decided = decideEta(readEtaChoice(values), now, hoursFor(request.priority, settings));
    const lang = settings.language;
    // The ETA in force has passed (and was not revised since): an update must own the slip.
    const etaPassed = request.etaAt !== undefined && etaMissed(request.etaAt, now, false);
    if (decided.ok || (!required && !decided.given)) return { ok: true as const, decided, lang, etaPassed };
    const problem = decided.ok ? 'missing' : decided.problem;
    const blockId = problem === 'needs_date' || problem === 'in_past' ? BlockId.EtaDate : problem === 'needs_time' ? BlockId.EtaTime : BlockId.EtaQuickPick;
    return { ok: false as const, errors: { [blockId]: t(lang, ETA_PROBLEM_TEXT[problem]) }, lang };
  };

  onSubmit(on, ctx, CallbackId.EtaModal, async (meta, values, userId) => {
    const eta = await etaOf(meta.requestId, values, true);
    if (!eta.ok) return { errors: eta.errors };
    const etaAt = eta.decided.ok ? eta.decided.etaAt : undefined;
    const reason = readText(values, BlockId.EtaNote, ActionId.EtaNote);
    return {
      run: async () => {
        await setEta(deps, teamId, meta.requestId, userId, { etaAt, reason });
        return t(eta.lang, 'prompt.done.eta');
      },
    };
  });

  onSubmit(on, ctx, CallbackId.UpdateModal, async (meta, values, userId) => {
    const text = readText(values, BlockId.UpdateText, ActionId.UpdateText);
    const eta = await etaOf(meta.requestId, values, false);
    if (!text) return { errors: { [BlockId.UpdateText]: t(eta.lang, 'modal.update.errorEmpty') } };
    if (!eta.ok) return { errors: eta.errors };
    const newEtaAt = eta.decided.ok ? eta.decided.etaAt : undefined;
    // Once the ETA has passed: a new one, or explicitly none yet ("Not known yet" is as explicit).
    const noNewEta = readChecked(values, BlockId.UpdateNoNewEta, ActionId.UpdateNoNewEta) || (eta.decided.given && newEtaAt === undefined);
    if (eta.etaPassed && newEtaAt === undefined && !noNewEta) return { errors: { [BlockId.EtaQuickPick]: t(eta.lang, 'modal.update.errorNeedsEta') } };
    const etaChange = newEtaAt !== undefined ? { etaAt: newEtaAt } : eta.etaPassed ? { etaAt: undefined } : undefined;
    return {
      run: async () => {
        await postUpdate(deps, teamId, meta.requestId, userId, text, etaChange);
        return t(eta.lang, 'prompt.done.update');
      },
    };
  });

  onSubmit(on, ctx, CallbackId.WaitModal, async (meta, values, userId) => {
    const need = readText(values, BlockId.WaitNeed, ActionId.WaitNeed);
    const request = await loadRequest(deps, teamId, meta.requestId);
    const lang = (await deps.settings.forChannel(teamId, request.channelId)).language;
    if (!need) return { errors: { [BlockId.WaitNeed]: t(lang, 'modal.wait.errorEmpty') } };
    return {
      run: async () => {
        await waitOnClient(deps, teamId, meta.requestId, userId, need);
        return t(lang, 'prompt.done.waiting');
      },
    };
  });

  onSubmit(on, ctx, CallbackId.ResolveModal, async (meta, values, userId) => {
    const summary = readText(values, BlockId.ResolveSummary, ActionId.ResolveSummary);
    const thanks = readText(values, BlockId.ResolveThanks, ActionId.ResolveThanks);
    return {
      run: async () => {
        await resolveRequest(deps, teamId, meta.requestId, userId, summary, thanks);
        return t(ctx.language, 'prompt.done.resolved');
      },
    };
  });

  onSubmit(on, ctx, CallbackId.AssignModal, async (meta, values, userId) => {
    const assignee = readUser(values);
    if (!assignee) return { errors: { [BlockId.AssignUser]: t(ctx.language, 'modal.assign.user') } };
    if (!(await canOwn(deps, teamId, assignee))) {
      // Modal errors are plain text: a name, not a <@mention>.
      const { greetingName } = await deps.directory.user(teamId, assignee);
      return { errors: { [BlockId.AssignUser]: t(ctx.language, 'assign.notInternal', { user: greetingName }) } };
    }
    return {
      run: async () => {
        const request = await assignRequest(deps, teamId, meta.requestId, assignee, userId);
        return t(ctx.language, 'assign.done', { owner: mention(assignee), client: mention(request.clientUserId) });
      },
    };
  });
}

function onSubmit(
  on: ListenerRouter,
  { deps, inFlight, language }: ListenerContext,
  callbackId: string,
  decide: (meta: ModalMetadata, values: ViewValues, userId: string) => Promise<Outcome>,
): void {
  on.view<ViewSubmitAction>(callbackId, async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    const meta = readMetadata(view.private_metadata);
    const replyTo = (channel?: string) => ({ channel, user: userId });
    if (!meta) {
      deps.log.warn({ callbackId }, 'malformed view submission ignored (no request id)');
      await ack();
      return;
    }
    const where = replyTo(meta.prompt?.channel);
    let outcome: Outcome;
    try {
      outcome = await decide(meta, view.state.values as unknown as ViewValues, userId);
    } catch (error) {
      await ack();
      const reply = replyFor(error, { lang: language, log: deps.log, teamName: deps.host.teamName }, { callbackId, requestId: meta.requestId, user: userId });
      inFlight.run(() => replyEphemeral(client, deps.log, where, reply));
      return;
    }
    if ('errors' in outcome) {
      await ack({ response_action: 'errors', errors: outcome.errors });
      return;
    }
    await ack();
    inFlight.run(async () => {
      let reply: string | undefined;
      let done = false;
      try {
        reply = await outcome.run();
        done = true;
      } catch (error) {
        reply = replyFor(error, { lang: language, log: deps.log, teamName: deps.host.teamName }, { callbackId, requestId: meta.requestId, user: userId });
      }
      // Opened from a DM prompt: its buttons give way to what was done, as after a click.
      const prompt = meta.prompt;
      if (done && reply && prompt?.text && prompt.channel.startsWith('D')) {
        await markAnswered(client, deps.log, prompt.channel, { ts: prompt.ts, text: prompt.text }, reply);
      }
      if (reply) await replyEphemeral(client, deps.log, where, reply);
    });
  });
}
