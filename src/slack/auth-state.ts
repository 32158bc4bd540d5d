/**
 * Whether Slack accepts our bot token. A call answered `invalid_auth`, `token_revoked` … (or the
 * `tokens_revoked`/`app_uninstalled` events) marks it broken: /readyz turns red and the workers
 * park their jobs instead of failing them. auth.test is asked again periodically (often while
 * broken), and when it passes the parked work resumes by itself.
 */
import type { Logger } from 'pino';
import { AUTH_ERRORS, slackErrorCode } from './outbound/delivery-errors';

export interface AuthStateOptions {
  /** How often auth.test is asked while the token is refused (and how long parked jobs wait). */
  brokenRecheckMs: number;
  /** How often auth.test is asked while all is well. */
  okRecheckMs: number;
}

export class SlackAuthState {
  private broken: { code: string; since: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(
    private readonly authTest: () => Promise<unknown>,
    private readonly log: Logger,
    readonly options: AuthStateOptions,
  ) {}

  get ok(): boolean {
    return this.broken === undefined;
  }

  /** Why Slack refuses us ("token_revoked"), while it does. */
  get reason(): string | undefined {
    return this.broken?.code;
  }

  markBroken(code: string): void {
    if (this.broken) return;
    this.broken = { code, since: Date.now() };
    this.log.error({ code }, 'Slack refuses the bot token: the app is not ready and work is parked until the token works again');
    this.schedule();
  }

  start(): void {
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Asks auth.test now; resolves to whether the token works. */
  async recheck(): Promise<boolean> {
    if (this.checking) return this.ok;
    this.checking = true;
    try {
      await this.authTest();
      if (this.broken) {
        this.log.info({ code: this.broken.code, parkedForMs: Date.now() - this.broken.since }, 'Slack accepts the bot token again: parked work resumes');
        this.broken = undefined;
      }
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && AUTH_ERRORS.has(code)) this.markBroken(code);
      // Anything else (a network error, a 5xx) says nothing about the token.
    } finally {
      this.checking = false;
    }
    return this.ok;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const ms = this.broken ? this.options.brokenRecheckMs : this.options.okRecheckMs;
    this.timer = setTimeout(() => {
      void this.recheck().finally(() => this.schedule());
    }, ms);
    this.timer.unref();
  }
}
