/**
 * In Socket Mode, GET /metrics is served on PORT by the same small server as /healthz and /readyz,
 * and counts what arrives over the socket as HTTP mode does.
 */
import { eventEnvelope, messageEvent } from '../../support/builders';
import { parsePrometheusText } from '../../support/prometheus-text';
import { Channels, PinnedClock, tsNow } from '../harness';
import { type SocketHarness, startSocketHarness } from '../support/socket-harness';

const clock = new PinnedClock();
let h: SocketHarness;
beforeAll(async () => {
  h = await startSocketHarness({ name: 'socket-metrics', clock });
});
afterAll(() => h.stop());

const scrape = async () => {
  const res = await fetch(`${h.baseUrl()}/metrics`);
  expect(res.status).toBe(200);
  return parsePrometheusText(await res.text());
};

it('when a request arrives over the socket, then /metrics on PORT counts its acknowledgement and shows it open', async () => {
  const before = await scrape();
  expect(before.value('kuittaus_open_requests', { state: 'open' })).toBe(0);

  const delivery = h.send.event(
    eventEnvelope(messageEvent({ channel: Channels.shared, user: h.newClient(), user_team: 'T0CLIENT', text: 'Socket request', ts: tsNow(clock.now()) }), { isExtSharedChannel: true }),
  );
  await h.acked(delivery);
  await h.idle();

  const after = await scrape();
  expect(after.value('kuittaus_acknowledgements_total', { trigger: 'auto' }) - before.value('kuittaus_acknowledgements_total', { trigger: 'auto' })).toBe(1);
  expect(after.value('kuittaus_open_requests', { state: 'open' })).toBe(1);
  // The socket's own Web API call is counted with the others.
  expect(after.value('kuittaus_slack_api_calls_total', { method: 'apps.connections.open' })).toBe(1);
});
