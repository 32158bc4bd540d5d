/**
 * The text after `/status`, as Slack sends it with `should_escape: true` (mentions become
 * `<@U123|aino>`, channels `<#C123|acme>`). Pure.
 */
import type { DataSubject } from '../app/retention/ports';

export type StatusArgs =
  | { kind: 'list'; filter: 'all' | 'overdue' | 'unowned'; who?: { mine: true } | { userId: string }; channelId?: string; client?: string }
  | { kind: 'help' }
  | { kind: 'report' }
  | { kind: 'settings' }
  | { kind: 'replay' }
  /** A client's data-protection request: a channel (`#channel`) or one client user (`@person`); none when unclear. */
  | { kind: 'export' | 'erase'; subject?: DataSubject };

const USER = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const CHANNEL = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$/;

export function parseStatusArgs(text: string): StatusArgs {
  const arg = text.trim().replace(/\s+/g, ' ');
  const word = arg.toLowerCase();
  if (arg === '') return { kind: 'list', filter: 'all' };
  if (word === 'overdue' || word === 'unowned') return { kind: 'list', filter: word };
  if (word === 'mine') return { kind: 'list', filter: 'all', who: { mine: true } };
  if (word === 'help') return { kind: 'help' };
  if (word === 'report') return { kind: 'report' };
  if (word === 'settings') return { kind: 'settings' };
  if (word === 'replay') return { kind: 'replay' };
  const data = /^(export|erase)(?: (.*))?$/i.exec(arg);
  if (data) {
    const kind = (data[1] as string).toLowerCase() as 'export' | 'erase';
    const target = data[2] ?? '';
    const who = USER.exec(target);
    const where = CHANNEL.exec(target);
    return who ? { kind, subject: { userId: who[1] as string } } : where ? { kind, subject: { channelId: where[1] as string } } : { kind };
  }
  const user = USER.exec(arg);
  if (user) return { kind: 'list', filter: 'all', who: { userId: user[1] as string } };
  const channel = CHANNEL.exec(arg);
  if (channel) return { kind: 'list', filter: 'all', channelId: channel[1] as string };
  // Anything else names a client; an unknown one gets the usage text.
  return { kind: 'list', filter: 'all', client: arg };
}
