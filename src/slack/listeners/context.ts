/** What every listener is registered with. */
import type { Deps } from '../../app/deps';
import type { Language } from '../../domain/settings';
import type { InFlight } from '../in-flight';

export interface ListenerContext {
  deps: Deps;
  inFlight: InFlight;
  /** Language for replies to people when no channel setting applies. */
  language: Language;
}
