import type { TrackedRequest } from '../../../src/domain/request';
import { feedbackAlertMessage, feedbackThanksMessage } from '../../../src/slack/blocks/feedback';
import { directMessageHelp, unknownAuthorMessage } from '../../../src/slack/blocks/spotting-notices';

const request: TrackedRequest = {
  id: 'R00000009',
  teamId: 'T0HOST',
  channelId: 'C0SHARED',
  ts: '1700000000.000100',
  joinedTs: [],
  clientUserId: 'U0CLIENT',
  clientName: 'Maria',
  excerpt: 'Export <!channel> fails & <@U123>',
  priority: 'normal',
  state: 'resolved',
  trigger: 'auto',
  createdAt: 0,
  nextUpdateDueAt: 0,
  ownerId: 'U0AINO',
  closingTs: '1700000500.000100',
  revision: 3,
  updateCount: 2,
};
const threadUrl = 'https://acme.slack.com/archives/C0SHARED/p1700000500000100?thread_ts=1700000000.000100&cid=C0SHARED';
const alert = (rating: 'negative' | 'neutral', language: 'en' | 'fi' = 'en', over: Partial<TrackedRequest> = {}) =>
  feedbackAlertMessage({ request: { ...request, ...over }, rating, language, workspaceUrl: 'https://acme.slack.com/', clientLabel: 'Acme', threadUrl });

describe('feedbackThanksMessage', () => {
  it.each<[string, 'positive' | 'neutral' | 'negative', 'en' | 'fi', string]>([
    ['positive feedback', 'positive', 'en', "Thanks for your feedback, Maria. We're glad we could help!"],
    ['negative feedback', 'negative', 'en', "Thanks for your feedback, Maria. We'll look at what we could have done better."],
    ['neutral feedback', 'neutral', 'en', "Thanks for your feedback, Maria. We'll look at what we could have done better."],
    ['positive feedback in Finnish', 'positive', 'fi', 'Kiitos palautteesta, Maria! Hienoa, että pystyimme auttamaan.'],
    ['negative feedback in Finnish', 'negative', 'fi', 'Kiitos palautteesta, Maria. Käymme läpi, mitä olisimme voineet tehdä paremmin.'],
  ])('when the client gave %s, then they read the fitting thanks', (_label, rating, lang, expected) => {
    expect(feedbackThanksMessage(request, rating, lang).text).toBe(expected);
  });

  it('when the name carries markup, then it is escaped; when Slack gave no name, then the client is named by mention', () => {
    expect(feedbackThanksMessage({ ...request, clientName: '<!here>' }, 'positive', 'en').text).toContain('Thanks for your feedback, &lt;!here&gt;.');
    expect(feedbackThanksMessage({ ...request, clientName: '' }, 'positive', 'en').text).toContain('Thanks for your feedback, <@U0CLIENT>.');
  });
});

describe('feedbackAlertMessage', () => {
  it('when the client gave :-1:, then the owner and leads read who, the owner, the escaped excerpt linked to the message and a link to the thread', () => {
    const m = alert('negative');
    expect(m.text).toBe(
      ':-1: Acme (<@U0CLIENT>) gave negative feedback on a resolved request (owner: <@U0AINO>): ' +
        '<https://acme.slack.com/archives/C0SHARED/p1700000000000100|“Export &lt;!channel&gt; fails &amp; &lt;@U123&gt;”>\n' +
        `A personal word in the thread often helps. <${threadUrl}|Open thread>`,
    );
    expect(JSON.stringify(m)).not.toMatch(/<!channel>|<@U123>/);
  });

  it.each<[string, 'negative' | 'neutral', 'en' | 'fi', RegExp]>([
    ['neutral', 'neutral', 'en', /^:neutral_face: Acme \(<@U0CLIENT>\) gave lukewarm feedback on a resolved request \(owner: <@U0AINO>\)/],
    ['negative, in Finnish', 'negative', 'fi', /^:-1: Acme \(<@U0CLIENT>\) antoi kielteistä palautetta ratkaistusta pyynnöstä \(vastuuhenkilö: <@U0AINO>\).*\nHenkilökohtainen viesti ketjuun auttaa usein\. <.*\|Avaa ketju>$/s],
    ['neutral, in Finnish', 'neutral', 'fi', /^:neutral_face: Acme \(<@U0CLIENT>\) antoi neutraalia palautetta/],
  ])('when the feedback is %s, then the notice says so', (_label, rating, lang, expected) => {
    expect(alert(rating, lang).text).toMatch(expected);
  });

  it('when a colleague of the client reacted, then the notice names them', () => {
    const m = feedbackAlertMessage({ request, rating: 'negative', language: 'en', workspaceUrl: 'https://acme.slack.com/', clientLabel: 'Acme', threadUrl, reactorId: 'U0PEKKA' });
    expect(m.text).toMatch(/^:-1: Acme \(<@U0PEKKA>\) gave negative feedback/);
  });

  it('when nobody owns the request, then the notice says so', () => {
    const { ownerId: _o, ...unowned } = request;
    expect(feedbackAlertMessage({ request: unowned, rating: 'negative', language: 'en', workspaceUrl: 'https://acme.slack.com/', threadUrl }).text).toContain('(owner: nobody)');
  });
});

describe('spotting notices', () => {
  it.each(['en', 'fi'] as const)('when someone writes to Kuittaus directly (%s), then the answer says what it does and names /status', (lang) => {
    const m = directMessageHelp(lang);
    expect(m.text).toContain('`/status`');
    expect(m.text).toMatch(lang === 'en' ? /^Hi! I'm Kuittaus\./ : /^Hei! Olen Kuittaus\./);
  });

  it('when an author cannot be placed, then triage reads who, where, why and how to track it', () => {
    const m = unknownAuthorMessage({ userId: 'U0C9', channelId: 'C0SHARED', ts: '1700000000.000100', code: 'user_not_visible', trackReaction: 'ticket', workspaceUrl: 'https://acme.slack.com/', language: 'en' });
    expect(m.text).toBe(
      "I couldn't tell whether <@U0C9> is a client: Slack would not describe them (`user_not_visible`), so I haven't acknowledged their message in <#C0SHARED>. " +
        'If it is a request, add :ticket: to it or use "Track as request": <https://acme.slack.com/archives/C0SHARED/p1700000000000100|Open message>',
    );
  });
});
