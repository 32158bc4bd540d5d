/** Slack renders <!date^…> in each viewer's own timezone, so cards never show a stale zone. */
export function slackDate(atMs: number, format = '{date_short_pretty} {time}'): string {
  const seconds = Math.floor(atMs / 1000);
  const fallback = new Date(atMs).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  return `<!date^${seconds}^${format}|${fallback}>`;
}
