import { messageFactsFrom } from '../../../src/slack/payloads';

const base = { type: 'message', channel: 'C0SHARED', ts: '1700000000.000100', user: 'U0CLIENT', user_team: 'T0CLIENT' };
const share = (text: string) => ({ is_share: true, is_msg_unfurl: true, text, fallback: `[Nov 20th] Pekka: ${text}`, author_id: 'U0PEKKA', channel_id: 'C0OTHER', ts: '1699999000.000100' });

describe('messageFactsFrom: the words of a message', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['its own text', { text: 'Export fails' }, 'Export fails'],
    ['a comment on a forwarded message', { text: 'See below', attachments: [share('Export fails')] }, 'See below'],
    ['a message forwarded without a comment', { text: '', attachments: [share('Export fails with error 500')] }, 'Export fails with error 500'],
    ['two forwarded messages', { text: '', attachments: [share('One'), share('Two')] }, 'One\nTwo'],
    ['a forward whose text is empty', { text: '', attachments: [{ ...share(''), fallback: 'Pekka: a picture' }] }, 'Pekka: a picture'],
    ['an unfurled link that is no forward', { text: '', attachments: [{ text: 'Some page', title: 'x' }] }, ''],
    ['a file posted alone', { text: '', subtype: 'file_share', files: [{ id: 'F1', name: 'error.log', title: 'error.log' }] }, 'error.log'],
    ['no text at all', {}, ''],
  ])('when it is %s, then the text is %j', (_label, over, expected) => {
    expect(messageFactsFrom({ ...base, ...over })?.text).toBe(expected);
  });

  it('when it is a direct message, then it says so; a channel message does not', () => {
    expect(messageFactsFrom({ ...base, channel: 'D0AINO', channel_type: 'im', text: 'hi' })?.direct).toBe(true);
    expect(messageFactsFrom({ ...base, channel_type: 'channel', text: 'hi' })?.direct).toBeUndefined();
  });
});
