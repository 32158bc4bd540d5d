/**
 * What of a client's message a queued intake job may hold: no more of their words than the request
 * will keep (the excerpt), plus what intake reads from the rest (its urgency). Pure.
 */
import { detectPriority } from './classifier';
import { excerptOf } from './request';
import type { MessageFacts } from './spotting-types';

export function intakeFacts(message: MessageFacts): MessageFacts {
  return { ...message, text: excerptOf(message.text), priority: message.priority ?? detectPriority(message.text) };
}
