/**
 * The Web API clients' fetch, counted: every HTTP attempt by Slack method (the last path segment
 * of the URL, e.g. chat.postMessage), with 429s and unanswered attempts apart. Wraps fetch rather
 * than the clients because Bolt builds clients of its own from the same options.
 */
import type { SlackCallMetrics } from '../infra/metrics';

type Fetch = typeof globalThis.fetch;

export function meteredFetch(metrics: SlackCallMetrics, fetch: Fetch = globalThis.fetch): Fetch {
  return async (input, init) => {
    const method = methodOf(input);
    try {
      const response = await fetch(input, init);
      metrics.slackCall(method, response.status);
      return response;
    } catch (error) {
      metrics.slackCall(method, 'network_error');
      throw error;
    }
  };
}

function methodOf(input: Parameters<Fetch>[0]): string {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  try {
    return new URL(url).pathname.split('/').filter(Boolean).pop() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
