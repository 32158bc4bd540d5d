/** What every listener is registered with. */
import type { Deps } from '../../app/deps';
import type { Language } from '../../domain/settings';
import type { SlackAuthState } from '../auth-state';
import type { InFlight } from '../in-flight';

export interface ListenerContext {
  deps: Deps;
  inFlight: InFlight;
  /** Language for replies to people when no channel setting applies. */
  language: Language;
  /** Whether Slack accepts our token (uninstall and revocation events break it). */
  auth: SlackAuthState;
}
