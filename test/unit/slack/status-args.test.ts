import { parseStatusArgs } from '../../../src/slack/status-args';

describe('parseStatusArgs', () => {
  it.each<[string, ReturnType<typeof parseStatusArgs>]>([
    ['', { kind: 'list', filter: 'all' }],
    ['   ', { kind: 'list', filter: 'all' }],
    ['overdue', { kind: 'list', filter: 'overdue' }],
    ['UNOWNED', { kind: 'list', filter: 'unowned' }],
    ['mine', { kind: 'list', filter: 'all', who: { mine: true } }],
    ['<@U0AINO|aino>', { kind: 'list', filter: 'all', who: { userId: 'U0AINO' } }],
    ['<@W0ENTERPRISE>', { kind: 'list', filter: 'all', who: { userId: 'W0ENTERPRISE' } }],
    ['<#C0SHARED|acme-support>', { kind: 'list', filter: 'all', channelId: 'C0SHARED' }],
    ['<#G0PRIVATE>', { kind: 'list', filter: 'all', channelId: 'G0PRIVATE' }],
    ['help', { kind: 'help' }],
    ['report', { kind: 'report' }],
    ['settings', { kind: 'settings' }],
    ['Acme   Oy', { kind: 'list', filter: 'all', client: 'Acme Oy' }],
    ['export <#C0SHARED|acme-support>', { kind: 'export', subject: { channelId: 'C0SHARED' } }],
    ['Export   <@U0CLIENT|maria>', { kind: 'export', subject: { userId: 'U0CLIENT' } }],
    ['erase <#C0SHARED>', { kind: 'erase', subject: { channelId: 'C0SHARED' } }],
    ['erase <@U0CLIENT>', { kind: 'erase', subject: { userId: 'U0CLIENT' } }],
    ['erase', { kind: 'erase' }],
    ['export Acme Oy', { kind: 'export' }],
    ['erase <#C0SHARED> <#C0OTHER>', { kind: 'erase' }],
    ['@aino', { kind: 'list', filter: 'all', client: '@aino' }],
    ['<@U0AINO> extra', { kind: 'list', filter: 'all', client: '<@U0AINO> extra' }],
  ])('when the text is %j, then it means %j', (text, expected) => {
    expect(parseStatusArgs(text)).toEqual(expected);
  });
});
