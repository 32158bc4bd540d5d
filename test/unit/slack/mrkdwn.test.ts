import { escapeMrkdwn, link, messageUrl, quote, truncate } from '../../../src/slack/blocks/mrkdwn';

describe('escapeMrkdwn', () => {
  it.each([
    ['plain text', 'Export fails', 'Export fails'],
    ['ampersand', 'R&D', 'R&amp;D'],
    ['angle brackets', '<b>x</b>', '&lt;b&gt;x&lt;/b&gt;'],
    ['<!channel>', '<!channel> help', '&lt;!channel&gt; help'],
    ['<!here>', '<!here>', '&lt;!here&gt;'],
    ['<!everyone>', '<!everyone>', '&lt;!everyone&gt;'],
    ['user mention', '<@U123ABC>', '&lt;@U123ABC&gt;'],
    ['user group', '<!subteam^S123|@devs>', '&lt;!subteam^S123|@devs&gt;'],
    ['link', '<https://evil.example|click>', '&lt;https://evil.example|click&gt;'],
    ['plain @channel', 'hey @channel look', 'hey @\u2060channel look'],
    ['plain @here, any case', '@HERE now', '@\u2060HERE now'],
    ['plain @everyone', '@everyone', '@\u2060everyone'],
    ['an e-mail is untouched', 'mail maria@channelpartner.fi', 'mail maria@channelpartner.fi'],
    ['already-escaped text is escaped again (shown literally)', '&lt;', '&amp;lt;'],
    ['emoji and odd unicode', '👍🏽 Ž\u202e', '👍🏽 Ž\u202e'],
  ])('when the text has %s, then it is inert', (_label, input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });
});

describe('quote, truncate, links', () => {
  it('when text has several lines, then each is quoted and escaped', () => {
    expect(quote('a\n<!here>')).toBe('&gt; a\n&gt; &lt;!here&gt;');
  });

  it.each([
    ['short', 'abc', 5, 'abc'],
    ['exact', 'abcde', 5, 'abcde'],
    ['long', 'abcdef', 5, 'abcd…'],
    ['surrogate pairs are not split', '😀😀😀', 2, '😀…'],
  ])('when truncating %s text, then the result fits', (_l, input, max, expected) => {
    expect(truncate(input, max)).toBe(expected);
  });

  it('when a label contains a pipe or brackets, then the link stays one link', () => {
    expect(link('https://x.slack.com/archives/C1/p1', 'a|b<c>')).toBe('<https://x.slack.com/archives/C1/p1|a¦b&lt;c&gt;>');
  });

  it.each([
    ['https://acme.slack.com/', 'https://acme.slack.com/archives/C0SHARED/p1700000000000100'],
    ['https://acme.slack.com', 'https://acme.slack.com/archives/C0SHARED/p1700000000000100'],
  ])('when the workspace url is %s, then the permalink is well formed', (url, expected) => {
    expect(messageUrl(url, 'C0SHARED', '1700000000.000100')).toBe(expected);
  });
});
