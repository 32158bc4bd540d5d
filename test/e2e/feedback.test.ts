/**
 * Feedback both ways (issue 14): the owner may thank the client on resolution; a client's :-1: or
 * :neutral_face: reaches the owner and the team leads at once; the client is thanked once for any
 * feedback; a changed or removed reaction updates the record and tells nobody again.
 */
import { eventEnvelope, reactionRemovedEvent, viewInput } from '../support/builders';
import { Channels, type Harness, Users, startHarness } from './harness';
import { lifecycleDriver } from './support/lifecycle-driver';

const TEXTS = {
  en: {
    thanksLine: 'Thanks for the clear report, Maria!',
    ask: 'How did we do? React to this message with :+1:, :neutral_face: or :-1:.',
    negative: /^:-1: <@U0C\d+> gave negative feedback on a resolved request \(owner: <@U0AINO>\): <[^|]+\|“Exports fail &lt;!here&gt; since 9:0\d”>\nA personal word in the thread often helps\. <[^|]+\?thread_ts=\d+\.\d+&cid=C0SHARED\|Open thread>$/,
    neutral: /^:neutral_face: <@U0C\d+> gave lukewarm feedback on a resolved request \(owner: <@U0AINO>\)/,
    thankedCritical: "Thanks for your feedback, Maria. We'll look at what we could have done better.",
    thankedPositive: "Thanks for your feedback, Maria. We're glad we could help!",
  },
  fi: {
    thanksLine: 'Kiitos selkeästä vikailmoituksesta, Maria!',
    ask: 'Miten onnistuimme? Reagoi tähän viestiin: :+1:, :neutral_face: tai :-1:.',
    negative: /^:-1: <@U0C\d+> antoi kielteistä palautetta ratkaistusta pyynnöstä \(vastuuhenkilö: <@U0AINO>\): <[^|]+\|”Exports fail &lt;!here&gt; since 9:0\d”>\nHenkilökohtainen viesti ketjuun auttaa usein\. <[^|]+\|Avaa ketju>$/,
    neutral: /^:neutral_face: <@U0C\d+> antoi neutraalia palautetta ratkaistusta pyynnöstä \(vastuuhenkilö: <@U0AINO>\)/,
    thankedCritical: 'Kiitos palautteesta, Maria. Käymme läpi, mitä olisimme voineet tehdä paremmin.',
    thankedPositive: 'Kiitos palautteesta, Maria! Hienoa, että pystyimme auttamaan.',
  },
} as const;

describe.each(['en', 'fi'] as const)('feedback both ways, in %s', (language) => {
  const says = TEXTS[language];
  let h: Harness;
  let drive: ReturnType<typeof lifecycleDriver>;
  beforeAll(async () => {
    h = await startHarness({ name: `feedback-${language}`, env: { DEFAULT_LANGUAGE: language, TEAM_LEADS: Users.lead } });
    drive = lifecycleDriver(h);
  });
  afterAll(() => h.stop());

  let cases = 0;
  /** A request claimed by Aino and resolved; the closing message's ts. */
  async function resolved(thanks?: string) {
    const n = ++cases;
    const { ts, requestId, client } = await drive.newRequest(`Exports fail <!here> since 9:0${n}`, h.newClient('Maria Virtanen'), `since 9:0${n}`);
    await drive.click(Users.consultant, 'request_claim', requestId);
    await drive.submit(Users.consultant, 'resolve_modal', requestId, {
      resolve_summary_block: { resolve_summary: viewInput.text('Disk replaced.') },
      ...(thanks !== undefined ? { resolve_thanks_block: { resolve_thanks: viewInput.text(thanks) } } : {}),
    });
    const closingTs = (await h.request(requestId)).closingTs as string;
    expect(closingTs).toBeDefined();
    return { ts, requestId, client, closingTs, marker: `since 9:0${n}` };
  }
  const unreact = async (user: string, reaction: string, ts: string) => {
    await h.send.event(eventEnvelope(reactionRemovedEvent({ user, reaction, channel: Channels.shared, ts }), { isExtSharedChannel: true }));
    await h.idle();
  };
  const feedbackLog = async (requestId: string) =>
    (await h.store.events('T0HOST', requestId)).filter((e) => e.type === 'feedback' || e.type === 'feedback_removed').map((e) => [e.type, e.actorId, e.data?.rating, e.data?.previous]);
  /** How many DMs the owner and the lead got that match `pattern` and name the request (by its marker). */
  const alertsAbout = (pattern: RegExp, marker: string) =>
    [Users.consultant, Users.lead].map((u) => drive.dmsTo(u).filter((c) => pattern.test(String(c.args.text)) && String(c.args.text).includes(marker)).length);

  it("when the owner adds a thank-you line on resolving, then the closing message carries it, escaped, before the request for feedback", async () => {
    const { ts } = await resolved(`${says.thanksLine} <!channel>`);
    expect(drive.clientThread(ts).at(-1)).toBe(
      [language === 'en' ? 'Resolved: Disk replaced.' : 'Asia on ratkaistu: Disk replaced.', `${says.thanksLine} &lt;!channel&gt;`, says.ask].join('\n'),
    );
  });

  it('when the owner adds no thank-you, then the closing message is as before', async () => {
    const { ts } = await resolved('   ');
    expect(drive.clientThread(ts).at(-1)).toBe([language === 'en' ? 'Resolved: Disk replaced.' : 'Asia on ratkaistu: Disk replaced.', says.ask].join('\n'));
  });

  it('when the client reacts :-1: to the closing message, then the owner and the team lead hear of it at once by DM and the client is thanked in the thread', async () => {
    const { ts, requestId, client, closingTs } = await resolved();
    await drive.react(client, '-1', Channels.shared, closingTs);

    expect(String(drive.lastDm(Users.consultant, /^:-1:/).args.text)).toMatch(says.negative);
    expect(String(drive.lastDm(Users.lead, /^:-1:/).args.text)).toMatch(says.negative);
    expect(String(drive.lastDm(Users.lead, /^:-1:/).args.text)).toContain(`thread_ts=${ts}`);
    expect(drive.clientThread(ts).at(-1)).toBe(says.thankedCritical);
    expect(await feedbackLog(requestId)).toEqual([['feedback', client, 'negative', undefined]]);
  });

  it('when the client then changes to :+1: and takes the :-1: back, then the record follows, and nobody is told again nor thanked twice', async () => {
    const { ts, requestId, client, closingTs, marker } = await resolved();
    await drive.react(client, '-1', Channels.shared, closingTs);
    const postsBefore = h.slack.callsTo('chat.postMessage').length;

    await drive.react(client, '+1', Channels.shared, closingTs);
    await unreact(client, '-1', closingTs);
    await unreact(client, '+1', closingTs);

    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(postsBefore);
    expect(alertsAbout(/^:-1:/, marker)).toEqual([1, 1]);
    expect(drive.clientThread(ts).filter((t) => t === says.thankedCritical || t === says.thankedPositive)).toEqual([says.thankedCritical]);
    expect(await feedbackLog(requestId)).toEqual([
      ['feedback', client, 'negative', undefined],
      ['feedback', client, 'positive', 'negative'],
      ['feedback_removed', client, 'negative', undefined],
      ['feedback_removed', client, 'positive', undefined],
    ]);
  });

  it('when the client reacts :neutral_face:, then the owner and the team lead hear of it too', async () => {
    const { client, closingTs } = await resolved();
    await drive.react(client, 'neutral_face', Channels.shared, closingTs);
    expect(String(drive.lastDm(Users.consultant, /^:neutral_face:/).args.text)).toMatch(says.neutral);
    expect(String(drive.lastDm(Users.lead, /^:neutral_face:/).args.text)).toMatch(says.neutral);
  });

  it('when the client reacts :+1:, then they are thanked and nobody on our side is alerted', async () => {
    const { ts, client, closingTs } = await resolved();
    const dmsBefore = [drive.dmsTo(Users.consultant).length, drive.dmsTo(Users.lead).length];
    await drive.react(client, '+1', Channels.shared, closingTs);
    expect(drive.clientThread(ts).at(-1)).toBe(says.thankedPositive);
    expect([drive.dmsTo(Users.consultant).length, drive.dmsTo(Users.lead).length]).toEqual(dmsBefore);
  });

  it('when someone of the client whom Slack will not describe reacts :-1:, then they count as the client: the owner and the lead hear of it', async () => {
    const { closingTs, marker } = await resolved();
    const colleague = h.newClient('Pekka Virtanen');
    h.slack.hideUser(colleague);
    await drive.react(colleague, '-1', Channels.shared, closingTs);
    expect(alertsAbout(/^:-1:/, marker)).toEqual([1, 1]);
    expect(String(drive.lastDm(Users.lead, /^:-1:/).args.text)).toContain(`<@${colleague}>`);
  });

  it("when one of us reacts :-1: to the closing message, then it is recorded but nobody is alerted or thanked", async () => {
    const { requestId, closingTs } = await resolved();
    const postsBefore = h.slack.callsTo('chat.postMessage').length;
    await drive.react(Users.lead, '-1', Channels.shared, closingTs);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(postsBefore);
    expect(await feedbackLog(requestId)).toEqual([['feedback', Users.lead, 'negative', undefined]]);
  });
});
