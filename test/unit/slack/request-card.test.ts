import type { TrackedRequest } from '../../../src/domain/request';
import { requestCard } from '../../../src/slack/blocks/request-card';
import { ActionId, BlockId } from '../../../src/slack/ids';

const T0 = Date.UTC(2026, 10, 23, 10, 0);
const base: TrackedRequest = {
  id: 'R00000001',
  teamId: 'T0HOST',
  channelId: 'C0SHARED',
  ts: '1700000000.000100',
  joinedTs: [],
  clientUserId: 'U0CLIENT',
  clientName: 'Maria',
  excerpt: 'Our export job fails with error 500',
  priority: 'normal',
  state: 'open',
  trigger: 'auto',
  createdAt: T0,
  nextUpdateDueAt: T0 + 3_600_000,
  revision: 0,
  updateCount: 0,
};

const card = (over: Partial<TrackedRequest> = {}, lang: 'en' | 'fi' = 'en') =>
  requestCard({ request: { ...base, ...over }, language: lang, workspaceUrl: 'https://acme.slack.com/', clientLabel: 'Acme Oy' });

const actionIds = (blocks: unknown[]) =>
  blocks
    .filter((b): b is { type: string; elements: Array<{ action_id: string }> } => (b as { type: string }).type === 'actions')
    .flatMap((b) => b.elements.map((e) => e.action_id));

describe('requestCard', () => {
  it.each([
    ['open and unowned', {}, [ActionId.Claim, ActionId.Assign, ActionId.Dismiss]],
    ['owned', { ownerId: 'U0AINO', state: 'in_progress' as const }, [ActionId.Assign, ActionId.Dismiss]],
    ['dismissed', { state: 'dismissed' as const, dismissedBy: 'U0AINO' }, []],
    ['resolved', { state: 'resolved' as const }, []],
  ])('when the request is %s, then the buttons are %j', (_label, over, expected) => {
    expect(actionIds(card(over).blocks)).toEqual(expected);
  });

  it('when rendered, then every button carries the request id and the actions block its id', () => {
    const actions = card().blocks.find((b) => (b as { type: string }).type === 'actions') as { block_id: string; elements: Array<{ value: string }> };
    expect(actions.block_id).toBe(BlockId.CardActions);
    expect(actions.elements.every((e) => e.value === 'R00000001')).toBe(true);
  });

  it('when rendered, then it links to the client message and names client, channel and owner', () => {
    const json = JSON.stringify(card({ ownerId: 'U0AINO' }).blocks);
    expect(json).toContain('https://acme.slack.com/archives/C0SHARED/p1700000000000100');
    expect(json).toContain('Acme Oy · <@U0CLIENT>');
    expect(json).toContain('<#C0SHARED>');
    expect(json).toContain('<@U0AINO>');
  });

  it('when the excerpt is hostile, then it is escaped in blocks and in the fallback text', () => {
    const c = card({ excerpt: '<!channel> & <@U0LEAD>' });
    const json = JSON.stringify(c.blocks) + c.text;
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U0LEAD>');
  });

  it('when the excerpt is very long, then every section stays within Block Kit limits', () => {
    const c = card({ excerpt: 'x'.repeat(10_000) });
    expect(c.blocks.length).toBeLessThanOrEqual(50);
    for (const b of c.blocks as Array<{ text?: { text: string }; fields?: Array<{ text: string }> }>) {
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
      expect((b.fields ?? []).length).toBeLessThanOrEqual(10);
    }
  });

  it('when the channel speaks Finnish, then the card does too', () => {
    expect(JSON.stringify(card({}, 'fi').blocks)).not.toContain('"Claim"');
  });
  const fieldText = (over: Partial<TrackedRequest>, label: string) => {
    const section = card(over).blocks.find((b) => (b as { fields?: unknown }).fields) as { fields: Array<{ text: string }> };
    return section.fields.find((f) => f.text.startsWith(`*${label}*`))?.text.split('\n')[1];
  };
  const ETA = T0 + 86_400_000;

  it.each<[string, string, Partial<TrackedRequest>, RegExp]>([
    ['no ETA yet', 'ETA', {}, /^Not set$/],
    ['an ETA', 'ETA', { etaAt: ETA }, /^<!date\^\d+\^[^|]+\|[^>]+>$/],
    ['a missed ETA', 'ETA', { etaAt: ETA, etaMissFlaggedFor: ETA }, / · :warning: missed$/],
    ['a flag for an earlier ETA', 'ETA', { etaAt: ETA, etaMissFlaggedFor: ETA - 1 }, /^<!date[^>]+>$/],
    ['two slips', 'ETA', { etaAt: ETA, etaSlips: 2 }, / · slipped 2×$/],
    ['no update yet', 'Last update', {}, /^—$/],
    ['an escalated update', 'Next update due', { escalatedFor: T0 + 3_600_000 }, /overdue, team leads told$/],
    ['an escalation of an earlier due time', 'Next update due', { escalatedFor: T0 }, /^<!date[^>]+>$/],
  ])('when the request has %s, then the %s field reads as expected', (_label, field, over, expected) => {
    expect(fieldText(over, field)).toMatch(expected);
  });

  it('when the request waits on the client or is resolved, then the card says so under the message', () => {
    expect(JSON.stringify(card({ state: 'waiting_on_client', ownerId: 'U0AINO' }).blocks)).toContain('Waiting on the client; reminders are paused.');
    const resolved = JSON.stringify(card({ state: 'resolved', ownerId: 'U0AINO', resolvedBy: 'U0AINO' }).blocks);
    expect(resolved).toContain('Resolved by <@U0AINO>.');
    expect(resolved).not.toContain('Next update due');
  });
});
