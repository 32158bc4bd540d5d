/** What an outbox delivery posted that the client sees (for the metrics); undefined when it posted nothing. */
import type { RequestTrigger } from '../../domain/request';

export type ClientPostKind = 'acknowledgement' | 'owner_announced' | 'update' | 'closing' | 'holding_line' | 'waiting';

export interface ClientPost {
  kind: ClientPostKind;
  /** An update's type: text, still_on_it, eta or reopened; a wait's step: asked, nudged, resumed. */
  type?: string;
  /** Told by editing the acknowledgement instead of a post of its own (see ./living-ack). */
  folded?: boolean;
  /** Acknowledgements: milliseconds from the client's message (its Slack ts) to the post. */
  latencyMs?: number;
  /** Acknowledgements: how the request came to be tracked. */
  trigger?: RequestTrigger;
}
