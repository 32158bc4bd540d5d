/**
 * The modals: ETA (quick picks, date and time in the channel's zone, a note), Post update (text
 * and an optional new ETA), Resolve (optional summary) and Assign (a user picker), and the
 * readers of their submitted values. Pure. `private_metadata` carries the request id and the
 * prompt message to mark as answered.
 */
import { ETA_QUICK_PICKS } from '../../domain/eta';
import type { EtaChoice } from '../../domain/eta-choice';
import { type TrackedRequest, WAITING_FOR_LENGTH, isRequestId } from '../../domain/request';
import type { Language } from '../../domain/settings';
import { type MessageKey, t, zoneLabel } from '../../i18n';
import { ActionId, BlockId, CallbackId } from '../ids';
import { context, plain } from './elements';
import { escapeMrkdwn, truncate } from './mrkdwn';

export interface ModalMetadata {
  requestId: string;
  /** The prompt the modal was opened from (a DM), to mark as answered: where, and its text. */
  prompt?: { channel: string; ts: string; text?: string };
}

export interface ModalInput {
  request: Pick<TrackedRequest, 'id' | 'excerpt'>;
  language: Language;
  metadata: ModalMetadata;
}

const modal = (lang: Language, callbackId: string, title: MessageKey, submit: MessageKey, metadata: ModalMetadata, blocks: unknown[]) => ({
  type: 'modal' as const,
  callback_id: callbackId,
  title: plain(truncate(t(lang, title), 24)),
  submit: plain(truncate(t(lang, submit), 24)),
  close: plain(truncate(t(lang, 'modal.cancel'), 24)),
  private_metadata: JSON.stringify(metadata),
  blocks,
});

const input = (blockId: string, label: string, element: Record<string, unknown>, optional: boolean, hint?: string) => ({
  type: 'input',
  block_id: blockId,
  label: plain(label),
  optional,
  element,
  ...(hint ? { hint: plain(hint) } : {}),
});

function etaInputs(lang: Language, timezone: string): unknown[] {
  return [
    input(
      BlockId.EtaQuickPick,
      t(lang, 'modal.eta.quickPick'),
      {
        type: 'static_select',
        action_id: ActionId.EtaQuickPick,
        options: ETA_QUICK_PICKS.map((pick) => ({ text: plain(t(lang, `eta.pick.${pick}`)), value: pick })),
      },
      true,
    ),
    context(escapeMrkdwn(t(lang, 'modal.eta.exact'))),
    input(BlockId.EtaDate, t(lang, 'modal.eta.date'), { type: 'datepicker', action_id: ActionId.EtaDate }, true),
    input(
      BlockId.EtaTime,
      t(lang, 'modal.eta.time', { zone: zoneLabel(timezone, lang) }),
      { type: 'timepicker', action_id: ActionId.EtaTime, timezone },
      true,
    ),
  ];
}

/** `etaPassed`: the ETA in force has passed (the note then ends "we now expect it by …, because"). */
export function etaModal(m: ModalInput & { timezone: string; currentEta?: string; etaPassed?: boolean }) {
  const { language: lang } = m;
  return modal(lang, CallbackId.EtaModal, 'modal.eta.title', 'modal.save', m.metadata, [
    context(truncate(escapeMrkdwn(m.request.excerpt), 300)),
    ...(m.currentEta ? [context(t(lang, 'modal.eta.current', { eta: m.currentEta }))] : []),
    ...etaInputs(lang, m.timezone),
    input(
      BlockId.EtaNote,
      t(lang, 'modal.eta.note'),
      { type: 'plain_text_input', action_id: ActionId.EtaNote, multiline: true, max_length: 500 },
      true,
      t(lang, m.etaPassed ? 'modal.eta.reasonHint' : 'modal.eta.noteHint'),
    ),
  ]);
}

/**
 * `passedEta`: the ETA in force, written out, when it has passed: the modal says so and asks for a
 * new ETA or an explicit "no new estimate yet".
 */
export function updateModal(m: ModalInput & { timezone: string; passedEta?: string }) {
  const { language: lang } = m;
  const passed = m.passedEta;
  return modal(lang, CallbackId.UpdateModal, 'modal.update.title', 'modal.save', m.metadata, [
    context(truncate(escapeMrkdwn(m.request.excerpt), 300)),
    input(
      BlockId.UpdateText,
      t(lang, 'modal.update.text'),
      { type: 'plain_text_input', action_id: ActionId.UpdateText, multiline: true, max_length: 2500 },
      false,
      t(lang, 'modal.update.textHint'),
    ),
    { type: 'header', text: plain(t(lang, passed ? 'modal.update.noNewEtaLabel' : 'modal.update.eta')) },
    ...(passed ? [context(`:warning: ${t(lang, 'modal.update.etaPassed', { eta: passed })}`)] : []),
    ...etaInputs(lang, m.timezone),
    ...(passed
      ? [
          input(
            BlockId.UpdateNoNewEta,
            t(lang, 'modal.update.noNewEtaLabel'),
            { type: 'checkboxes', action_id: ActionId.UpdateNoNewEta, options: [{ text: plain(t(lang, 'modal.update.noNewEta')), value: 'no_new_eta' }] },
            true,
            t(lang, 'modal.update.noNewEtaHint'),
          ),
        ]
      : []),
  ]);
}

/** [Waiting on client]: what we need from the client (required; the client reads it). */
export function waitModal(m: ModalInput) {
  const { language: lang } = m;
  return modal(lang, CallbackId.WaitModal, 'modal.wait.title', 'modal.wait.submit', m.metadata, [
    context(truncate(escapeMrkdwn(m.request.excerpt), 300)),
    input(
      BlockId.WaitNeed,
      t(lang, 'modal.wait.need'),
      { type: 'plain_text_input', action_id: ActionId.WaitNeed, multiline: true, max_length: WAITING_FOR_LENGTH },
      false,
      t(lang, 'modal.wait.needHint'),
    ),
  ]);
}

export function resolveModal(m: ModalInput) {
  const { language: lang } = m;
  return modal(lang, CallbackId.ResolveModal, 'modal.resolve.title', 'modal.resolve.submit', m.metadata, [
    context(truncate(escapeMrkdwn(m.request.excerpt), 300)),
    input(
      BlockId.ResolveSummary,
      t(lang, 'modal.resolve.summary'),
      { type: 'plain_text_input', action_id: ActionId.ResolveSummary, multiline: true, max_length: 2500 },
      true,
    ),
    input(
      BlockId.ResolveThanks,
      t(lang, 'modal.resolve.thanks'),
      { type: 'plain_text_input', action_id: ActionId.ResolveThanks, multiline: true, max_length: 500 },
      true,
      t(lang, 'modal.resolve.thanksHint'),
    ),
  ]);
}

export function assignModal(m: ModalInput & { currentOwnerId?: string }) {
  const { language: lang } = m;
  return modal(lang, CallbackId.AssignModal, 'modal.assign.title', 'modal.assign.submit', m.metadata, [
    context(truncate(escapeMrkdwn(m.request.excerpt), 300)),
    input(
      BlockId.AssignUser,
      t(lang, 'modal.assign.user'),
      { type: 'users_select', action_id: ActionId.AssignUser, ...(m.currentOwnerId ? { initial_user: m.currentOwnerId } : {}) },
      false,
    ),
  ]);
}

/** state.values as Slack sends them: block id → action id → element state. */
export type ViewValues = Record<string, Record<string, Record<string, unknown> | undefined> | undefined>;

const valueOf = (values: ViewValues, blockId: string, actionId: string) => values[blockId]?.[actionId];
const stringOf = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export function readEtaChoice(values: ViewValues): EtaChoice {
  const pick = valueOf(values, BlockId.EtaQuickPick, ActionId.EtaQuickPick)?.selected_option as { value?: unknown } | null | undefined;
  return {
    pick: stringOf(pick?.value),
    date: stringOf(valueOf(values, BlockId.EtaDate, ActionId.EtaDate)?.selected_date),
    time: stringOf(valueOf(values, BlockId.EtaTime, ActionId.EtaTime)?.selected_time),
  };
}

export function readText(values: ViewValues, blockId: string, actionId: string): string | undefined {
  const text = stringOf(valueOf(values, blockId, actionId)?.value);
  return text?.trim() ? text.trim() : undefined;
}

/** Whether a checkboxes input has any option ticked. */
export function readChecked(values: ViewValues, blockId: string, actionId: string): boolean {
  const selected = valueOf(values, blockId, actionId)?.selected_options;
  return Array.isArray(selected) && selected.length > 0;
}

export function readUser(values: ViewValues): string | undefined {
  return stringOf(valueOf(values, BlockId.AssignUser, ActionId.AssignUser)?.selected_user);
}

export function readMetadata(raw: string): ModalMetadata | undefined {
  try {
    const parsed = JSON.parse(raw) as Partial<ModalMetadata>;
    if (typeof parsed.requestId !== 'string' || !isRequestId(parsed.requestId)) return undefined;
    const prompt = parsed.prompt;
    const validPrompt = prompt && typeof prompt.channel === 'string' && typeof prompt.ts === 'string';
    const text = validPrompt && typeof prompt.text === 'string' ? { text: prompt.text } : {};
    return { requestId: parsed.requestId, ...(validPrompt ? { prompt: { channel: prompt.channel, ts: prompt.ts, ...text } } : {}) };
  } catch {
    return undefined;
  }
}

/** The key of the text to show under the ETA inputs for a problem. */
export const ETA_PROBLEM_TEXT = {
  missing: 'modal.eta.errorMissing',
  needs_date: 'modal.eta.errorNeedsDate',
  needs_time: 'modal.eta.errorNeedsTime',
  in_past: 'modal.eta.errorPast',
} as const satisfies Record<string, MessageKey>;
