/** `/status export` and `/status erase`: whom they are about, and the erasure's confirmation. Pure. */
import type { DataSubject } from '../../app/retention/ports';
import type { Language } from '../../domain/settings';
import { t, tn } from '../../i18n';
import { ActionId } from '../ids';
import { button, section } from './elements';
import { channelLink, mention } from './mrkdwn';

export const subjectLink = (subject: DataSubject) => ('channelId' in subject ? channelLink(subject.channelId) : mention(subject.userId));

/** The button's value names the subject: `{"c":"C…"}` or `{"u":"U…"}`. */
export function subjectValue(subject: DataSubject): string {
  return JSON.stringify('channelId' in subject ? { c: subject.channelId } : { u: subject.userId });
}

export function subjectOfValue(value: string | undefined): DataSubject | undefined {
  try {
    const parsed = JSON.parse(value ?? '') as { c?: unknown; u?: unknown };
    if (typeof parsed.c === 'string' && /^[CG][A-Z0-9]+$/.test(parsed.c)) return { channelId: parsed.c };
    if (typeof parsed.u === 'string' && /^[UW][A-Z0-9]+$/.test(parsed.u)) return { userId: parsed.u };
  } catch {
    // not ours
  }
  return undefined;
}

export function eraseConfirmation(lang: Language, subject: DataSubject, count: number) {
  const who = subjectLink(subject);
  const text = tn(lang, 'data.eraseConfirm', count, { subject: who });
  const erase = {
    ...button(ActionId.StatusErase, tn(lang, 'data.eraseButton', count), subjectValue(subject), 'danger'),
    confirm: {
      title: { type: 'plain_text', text: t(lang, 'data.eraseDialogTitle') },
      text: { type: 'mrkdwn', text: tn(lang, 'data.eraseDialogText', count, { subject: who }) },
      confirm: { type: 'plain_text', text: t(lang, 'data.eraseDialogConfirm') },
      deny: { type: 'plain_text', text: t(lang, 'data.eraseDialogDeny') },
      style: 'danger',
    },
  };
  return { text, blocks: [section(text), { type: 'actions', elements: [erase] }] };
}
