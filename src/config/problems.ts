/**
 * zod's issues as the lines an operator reads: the variable, what is wrong, and the value given
 * (`HOLIDAYS must be real dates like 2026-12-24 (got "christmas", "24.12.")`), one line per
 * variable and message. Secrets are never repeated: a token shows only its kind (`xoxp-…`), a
 * URL hides its password.
 */
import type { z } from 'zod';

const SECRETS = new Set(['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET']);
const MAX_SHOWN = 60;

/** What may be shown of a value: a token's kind only, a URL without its password, at most 60 characters. */
export function shownValue(name: string, value: string): string {
  if (SECRETS.has(name)) {
    const kind = /^[a-z]{2,6}-/i.exec(value)?.[0];
    return kind ? `${kind}…` : '…';
  }
  const safe = value.replace(/^([^/]*\/\/[^/@]*?):[^/@]*@/, '$1:***@').replace(/^([^/@:]*):[^/@]*@/, '$1:***@');
  return safe.length > MAX_SHOWN ? `${safe.slice(0, MAX_SHOWN)}…` : safe;
}

/** One line per variable and message; a list's bad items are named together. */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[], env: Record<string, string>): string[] {
  const grouped = new Map<string, { name: string; message: string; values: string[] }>();
  for (const issue of issues) {
    const name = issue.path.length > 0 ? String(issue.path[0]) : 'environment';
    // A list item's issue carries the item (`input`); a variable's, its raw value from the environment.
    const raw = issue.path.length > 1 ? issue.input : env[name];
    const key = `${name}\u0000${issue.message}`;
    const entry = grouped.get(key) ?? { name, message: issue.message, values: [] };
    if (typeof raw === 'string' && !entry.values.includes(raw)) entry.values.push(raw);
    grouped.set(key, entry);
  }
  return [...grouped.values()].map(({ name, message, values }) => {
    const got = values.map((v) => JSON.stringify(shownValue(name, v))).join(', ');
    return got ? `${name} ${message} (got ${got})` : `${name} ${message}`;
  });
}
