/** Durations as people read them: "0.8 s", "55 min", "5 h 40 min", "2 d 3 h" ("2 pv 3 h"). */
import type { Language } from '../domain/settings';

export function formatDuration(ms: number, lang: Language): string {
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toLocaleString(lang === 'fi' ? 'fi-FI' : 'en-GB')} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  const unit = lang === 'fi' ? 'pv' : 'd';
  return hours % 24 ? `${days} ${unit} ${hours % 24} h` : `${days} ${unit}`;
}
