/**
 * Socket Mode killed right after it acks. The app runs as its own process; each round pushes new
 * client requests over its socket and SIGKILLs it (one round: SIGTERM) the moment the emulator has
 * received a few acks, while the acknowledgements of those requests are typically not posted yet. What was not acked is
 * resent by the emulator (retry_attempt + 1, as Slack does) to the next instance. In the end every
 * request has exactly one acknowledgement in its thread and one card: an envelope is acked only
 * once its event is queued in Redis, and duplicates meet the event ledger and the job ids.
 * (Bolt's SocketModeReceiver acks first: there, what was acked before the kill was lost.)
 * CRASH_REPORT=1 prints each round; CRASH_SEED replays one.
 */
import { spawnApp } from '../../support/app-process/spawn-app';
import { eventEnvelope, messageEvent } from '../../support/builders';
import { type Delivery, clientUser } from '../../support/slack-emulator';
import { Channels, seedPostedMessage, tsNow } from '../harness';
import { socketEnv } from '../support/socket-harness';
import { useCrashStage } from '../support/crash-stage';

const KILL_ROUNDS = 3;
const REQUESTS_PER_ROUND = 5; // 15 requests in all


const stage = useCrashStage('socket-crash', { socket: { ackTimeoutMs: 1500, maxRetries: 10 } });

function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

const thanksIn = (ts: string) => stage.slack.messagesIn(Channels.shared, ts).filter((m) => m.text.startsWith('Thanks')).length;
const cardsFor = (text: string) => stage.slack.callsTo('chat.postMessage', (c) => c.ok && c.args.channel === Channels.triage && JSON.stringify(c.args.blocks).includes(text)).length;

it('when the app is killed right after it acks envelopes, round after round, then every request is acknowledged exactly once', async () => {
  const { slack, prefix, apps } = stage;
  const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
  const next = random(seed);
  const env = { ...socketEnv(slack, prefix), APP_WORKER_LOCK_MS: '1000', APP_SLACK_TIMEOUT_MS: '1000' };
  const requests: Array<{ ts: string; text: string; delivery: Delivery }> = [];
  const report: string[] = [`seed ${seed}`];

  for (let round = 0; round < KILL_ROUNDS; round++) {
    const app = await spawnApp(env);
    apps.push(app);
    // Kill it the moment the k-th ack of this round arrives: the event is queued, the client not yet answered.
    const killAt = 1 + Math.floor(next() * 3);
    const graceful = round === 1; // SIGTERM: what is in progress is finished and acked, the rest left to Slack
    let acks = 0;
    let ackedNotAnswered = -1;
    const killed = new Promise<void>((resolve) => {
      const stop = slack.socket.onAck(() => {
        if (++acks < killAt) return;
        if (graceful) app.child.kill('SIGTERM');
        else app.kill();
        stop();
        ackedNotAnswered = requests.filter((r) => r.delivery.state === 'acked' && thanksIn(r.ts) === 0).length;
        resolve();
      });
    });
    for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
      const user = `U0SK${round}${i}`;
      slack.addUser(clientUser(user, `Client ${round}${i}`));
      const text = `Socket crash request ${round}-${i}`;
      const event = messageEvent({ channel: Channels.shared, user, user_team: 'T0CLIENT', text, ts: tsNow() });
      seedPostedMessage(slack, event as unknown as Record<string, unknown>);
      requests.push({ ts: event.ts as string, text, delivery: slack.socket.pushEvent(eventEnvelope(event, { isExtSharedChannel: true })) });
    }
    await killed;
    const code = await app.exited;
    if (graceful) expect(code).toBe(0);
    const acked = requests.filter((r) => r.delivery.state === 'acked').length;
    report.push(`round ${round}: ${graceful ? 'SIGTERM' : 'SIGKILL'} at ack ${killAt} (exit ${code}); ${acked}/${requests.length} acked, ${ackedNotAnswered} of them not yet answered in Slack`);
  }

  // The last instance takes over what is left: resent envelopes, stalled jobs.
  apps.push(await spawnApp(env));
  const deadline = Date.now() + 40_000;
  const done = () => requests.every((r) => r.delivery.state === 'acked' && thanksIn(r.ts) >= 1 && cardsFor(r.text) >= 1);
  while (Date.now() < deadline && !done()) await new Promise((resolve) => setTimeout(resolve, 200));
  await new Promise((resolve) => setTimeout(resolve, 1500)); // anything doubled would show by now

  const resent = requests.filter((r) => r.delivery.envelopes.length > 1).length;
  report.push(`${requests.length} requests; ${resent} resent by the emulator; ${slack.socket.acks.length} acks`);
  if (process.env.CRASH_REPORT) process.stdout.write(`${report.join('\n')}\n`);

  expect(requests.map((r) => [r.text, r.delivery.state])).toEqual(requests.map((r) => [r.text, 'acked']));
  expect(requests.map((r) => [r.text, thanksIn(r.ts)])).toEqual(requests.map((r) => [r.text, 1]));
  expect(requests.map((r) => [r.text, cardsFor(r.text)])).toEqual(requests.map((r) => [r.text, 1]));
}, 150_000);
