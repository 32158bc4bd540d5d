import { classifyAuthor, classifyByTeam, isContinuation, isDirectMessageToUs, screenMessage } from '../../../src/domain/spotting';
import type { HostFacts, MessageFacts, UserFacts } from '../../../src/domain/spotting-types';

const host: HostFacts = { teamId: 'T_HOST', enterpriseId: 'E_HOST', botUserId: 'U_KUITTAUS', botId: 'B_KUITTAUS' };
const hostWithoutEnterprise: HostFacts = { ...host, enterpriseId: undefined };

const message = (over: Partial<MessageFacts> = {}): MessageFacts => ({
  channelId: 'C_SHARED',
  ts: '1700000000.000100',
  userId: 'U_CLIENT',
  authorTeamId: 'T_CLIENT',
  text: 'Our export fails with error 500',
  ...over,
});

describe('screenMessage', () => {
  it.each<[string, Partial<MessageFacts>]>([
    ['a plain top-level message', {}],
    ['a thread parent (threadTs equals ts)', { threadTs: '1700000000.000100' }],
    ['a file share with text', { subtype: 'file_share' }],
    ['a file share without text', { subtype: 'file_share', text: '' }],
  ])('when it is %s, then it is tracked', (_label, over) => {
    expect(screenMessage(message(over), host)).toEqual({ track: true });
  });

  it.each<[string, Partial<MessageFacts>, string]>([
    ['a thread reply', { threadTs: '1699999999.000100' }, 'thread_reply'],
    ['an edit', { subtype: 'message_changed' }, 'subtype'],
    ['a deletion', { subtype: 'message_deleted' }, 'subtype'],
    ['a channel join', { subtype: 'channel_join' }, 'subtype'],
    ['a bot message subtype', { subtype: 'bot_message', botId: 'B_OTHER' }, 'subtype'],
    ['a thread broadcast', { subtype: 'thread_broadcast', threadTs: '1699999999.000100' }, 'subtype'],
    ['a message from another bot', { botId: 'B_OTHER', userId: 'U_OTHER_BOT' }, 'bot'],
    ['our own bot user', { userId: 'U_KUITTAUS' }, 'self'],
    ['our own bot id', { botId: 'B_KUITTAUS', userId: undefined }, 'self'],
    ['our own reply in a thread', { userId: 'U_KUITTAUS', threadTs: '1699999999.000100' }, 'self'],
    ['a message without a user', { userId: undefined }, 'no_user'],
    ['a message with an empty user', { userId: '' }, 'no_user'],
    ['an empty text', { text: '' }, 'empty'],
    ['a whitespace-only text', { text: '  \n ' }, 'empty'],
  ])('when it is %s, then it is ignored as %s', (_label, over, reason) => {
    expect(screenMessage(message(over), host)).toEqual({ track: false, reason });
  });
});

describe('classifyAuthor', () => {
  const user = (over: Partial<UserFacts> = {}): UserFacts => ({
    id: 'U_SOMEONE',
    teamId: 'T_HOST',
    enterpriseId: undefined,
    isBot: false,
    isStranger: false,
    isRestricted: false,
    isUltraRestricted: false,
    greetingName: 'Maria',
    ...over,
  });

  it.each<[string, Partial<UserFacts>, HostFacts, string]>([
    ['a member of the host team', {}, host, 'internal'],
    ['a bot of the host team', { isBot: true }, host, 'bot'],
    ['a bot of another team', { isBot: true, teamId: 'T_CLIENT' }, host, 'bot'],
    ['a stranger', { isStranger: true, teamId: undefined }, host, 'client'],
    ['a member of another team', { teamId: 'T_CLIENT' }, host, 'client'],
    ['a member of another team in another enterprise', { teamId: 'T_CLIENT', enterpriseId: 'E_CLIENT' }, host, 'client'],
    ['a member of another workspace of our enterprise', { teamId: 'T_SISTER', enterpriseId: 'E_HOST' }, host, 'internal'],
    ['another team with an enterprise when we have none', { teamId: 'T_CLIENT', enterpriseId: 'E_CLIENT' }, hostWithoutEnterprise, 'client'],
    ['another team, neither side in an enterprise', { teamId: 'T_CLIENT' }, hostWithoutEnterprise, 'client'],
    ['a multi-channel guest of the host team', { isRestricted: true }, host, 'client'],
    ['a single-channel guest of the host team', { isUltraRestricted: true }, host, 'client'],
    ['a user whose team is unknown', { teamId: undefined }, host, 'internal'],
  ])('when the author is %s, then they are %s', (_label, over, hostFacts, expected) => {
    expect(classifyAuthor(user(over), hostFacts)).toBe(expected);
  });
});

describe('isContinuation', () => {
  const window = 2 * 60_000;
  const last = 1_700_000_000_000;

  it.each<[string, number | undefined, number, boolean]>([
    ['there is no earlier request', undefined, last, false],
    ['it comes at the same instant', last, last, true],
    ['it comes within the window', last, last + 60_000, true],
    ['it comes exactly at the end of the window', last, last + window, true],
    ['it comes a millisecond after the window', last, last + window + 1, false],
    ['it comes before the last request (out of order)', last, last - 1, false],
  ])('when %s, then continuation is %s', (_label, lastRequestAt, at, expected) => {
    expect(isContinuation(lastRequestAt, at, window)).toBe(expected);
  });
});

describe('classifyByTeam (users.info could not describe the author)', () => {
  it.each<[string, string | undefined, HostFacts, string | undefined]>([
    ['another team', 'T_CLIENT', host, 'client'],
    ['our team', 'T_HOST', host, 'internal'],
    ['our enterprise', 'E_HOST', host, 'internal'],
    ['another team, host without enterprise', 'T_CLIENT', hostWithoutEnterprise, 'client'],
    ['no team on the event', undefined, host, undefined],
    ['an empty team', '', host, undefined],
  ])('when the event names %s, then it is %s', (_label, team, h, expected) => {
    expect(classifyByTeam(team, h)).toBe(expected);
  });
});

describe('isDirectMessageToUs', () => {
  it.each<[string, Partial<MessageFacts>, boolean]>([
    ['a person writing to us', { direct: true }, true],
    ['a person replying in a thread of our DM', { direct: true, threadTs: '1699999999.000100' }, true],
    ['a file sent to us', { direct: true, subtype: 'file_share', text: '' }, true],
    ['our own message in the DM', { direct: true, userId: 'U_KUITTAUS' }, false],
    ['a bot', { direct: true, botId: 'B_OTHER' }, false],
    ['an edit', { direct: true, subtype: 'message_changed' }, false],
    ['no author', { direct: true, userId: undefined }, false],
    ['a channel message', {}, false],
  ])('when it is %s, then %s', (_label, over, expected) => {
    expect(isDirectMessageToUs(message(over), host)).toBe(expected);
  });
});
