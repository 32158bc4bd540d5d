/** The metrics report (`/status report`, the weekly digest). Pure. */
import type { Report } from '../../app/status/report';
import type { Language } from '../../domain/settings';
import { t, tn } from '../../i18n';
import { formatDuration } from '../../i18n/format-duration';
import { section } from './elements';

export function reportMessage({ from, to, metrics: m }: Report, lang: Language, timezone: string) {
  const day = (at: number) => new Intl.DateTimeFormat(lang === 'fi' ? 'fi-FI' : 'en-GB', { timeZone: timezone, day: 'numeric', month: 'short' }).format(at);
  const duration = (ms: number | undefined) => (ms === undefined ? '—' : formatDuration(ms, lang));
  const share = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((100 * part) / whole)} % (${part}/${whole})`);
  const lines = [
    `*${t(lang, 'report.title', { from: day(from), to: day(to - 1) })}*`,
    tn(lang, 'report.requests', m.requests, { resolved: m.resolved }),
    t(lang, 'report.acknowledge', { time: duration(m.medianTimeToAcknowledgeMs) }),
    t(lang, 'report.firstReply', { time: duration(m.medianTimeToFirstHumanReplyMs) }),
    t(lang, 'report.onTime', { share: share(m.updatesOnTime, m.updates) }),
    t(lang, 'report.eta', { share: share(m.etaHits, m.withEta), slip: duration(m.averageSlipMs) }),
    t(lang, 'report.resolve', { time: duration(m.medianTimeToResolveMs) }),
    t(lang, 'report.feedback', { ...m.feedback }),
  ];
  const text = lines.join('\n');
  return { text, blocks: [section(text)] };
}
