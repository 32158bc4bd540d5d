/**
 * Our listeners, in tables by event type, action id and callback id, behind one Bolt listener per
 * kind. Bolt runs the matchers of every listener it holds for every request it receives: with the
 * fifty-odd listeners Kuittaus registered one by one, that was the largest single cost of a
 * message event (`invokeMiddleware`, about 6 % of the app's CPU in `BENCH_CPU_PROF=1 npm run
 * bench`). A table lookup costs the same with one listener or a hundred.
 *
 * Registration reads as Bolt's (`on.event('message', …)`, `on.action(ActionId.Claim, …)`); an
 * action or a modal no listener claims (one the app never sent, a forged payload) goes to the
 * fallback given to install().
 */
import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App,
  Middleware,
  SlackAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcut,
  SlackShortcutMiddlewareArgs,
  SlackViewAction,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';

type Listener = (args: AnyMiddlewareArgs & AllMiddlewareArgs) => Promise<void>;

/** What to do with an action or a view submission no listener claims. */
export interface Unclaimed {
  action: Middleware<SlackActionMiddlewareArgs>;
  view: Middleware<SlackViewMiddlewareArgs>;
}

export class ListenerRouter {
  private readonly events = new Map<string, Listener[]>();
  private readonly actions = new Map<string, Listener>();
  private readonly views = new Map<string, Listener>();
  private readonly direct: Array<(app: App) => void> = [];

  event<T extends string>(type: T, listener: Middleware<SlackEventMiddlewareArgs<T>>): void {
    this.events.set(type, [...(this.events.get(type) ?? []), listener as unknown as Listener]);
  }

  /** A block action by its action id (one listener per id). */
  action<A extends SlackAction = SlackAction>(actionId: string, listener: Middleware<SlackActionMiddlewareArgs<A>>): void {
    claim(this.actions, 'action', actionId, listener as unknown as Listener);
  }

  /** A modal's submission by its callback id (one listener per id). */
  view<V extends SlackViewAction = ViewSubmitAction>(callbackId: string, listener: Middleware<SlackViewMiddlewareArgs<V>>): void {
    claim(this.views, 'view', callbackId, listener as unknown as Listener);
  }

  /** Commands and shortcuts are one each: Bolt holds them as they are. */
  command(name: string, listener: Middleware<SlackCommandMiddlewareArgs>): void {
    this.direct.push((app) => app.command(name, listener));
  }

  shortcut<S extends SlackShortcut = SlackShortcut>(callbackId: string, listener: Middleware<SlackShortcutMiddlewareArgs<S>>): void {
    this.direct.push((app) => app.shortcut<S>(callbackId, listener));
  }

  /** Gives Bolt one listener per kind, each looking up ours. */
  install(app: App, unclaimed: Unclaimed): void {
    const events = this.events;
    app.event(/.*/, async (args) => {
      const listeners = events.get(args.event.type);
      if (listeners) await all(listeners, args as unknown as Parameters<Listener>[0]);
    });
    const actions = this.actions;
    app.action({}, async (args) => {
      const id = (args.action as { action_id?: unknown }).action_id;
      const listener = typeof id === 'string' && args.body.type === 'block_actions' ? actions.get(id) : undefined;
      await (listener ?? (unclaimed.action as unknown as Listener))(args as unknown as Parameters<Listener>[0]);
    });
    const views = this.views;
    app.view({}, async (args) => {
      const listener = args.body.type === 'view_submission' ? views.get(args.view.callback_id) : undefined;
      await (listener ?? (unclaimed.view as unknown as Listener))(args as unknown as Parameters<Listener>[0]);
    });
    for (const register of this.direct) register(app);
  }
}

function claim(table: Map<string, Listener>, kind: string, id: string, listener: Listener): void {
  if (table.has(id)) throw new Error(`two listeners for the ${kind} ${id}`);
  table.set(id, listener);
}

/** Every listener of an event runs; a failure of any fails the event (so Slack retries it), as in Bolt. */
async function all(listeners: Listener[], args: Parameters<Listener>[0]): Promise<void> {
  if (listeners.length === 1) return (listeners[0] as Listener)(args);
  const failed = (await Promise.allSettled(listeners.map((listener) => listener(args)))).filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length === 1) throw failed[0]?.reason;
  if (failed.length > 1) throw new AggregateError(failed.map((r) => r.reason as unknown), `${failed.length} listeners failed`);
}
