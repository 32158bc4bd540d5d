import { MAX_BATCH } from '../../../src/domain/card-batch';
import type { TrackedRequest } from '../../../src/domain/request';
import { batchCard } from '../../../src/slack/blocks/batch-card';
import { ActionId, BlockId } from '../../../src/slack/ids';
import { validateBlocks } from '../../support/slack-emulator/validate';

const T0 = Date.UTC(2026, 10, 23, 10, 0);
const request = (n: number, over: Partial<TrackedRequest> = {}): TrackedRequest => ({
  id: `R0000000${n}`,
  teamId: 'T0HOST',
  channelId: `C0SHARED${n}`,
  ts: `1700000000.00010${n}`,
  joinedTs: [],
  clientUserId: `U0CLIENT${n}`,
  clientName: 'Maria',
  excerpt: `Export ${n} fails with error 500`,
  priority: 'normal',
  state: 'open',
  trigger: 'auto',
  createdAt: T0 + n,
  nextUpdateDueAt: T0 + 3_600_000,
  revision: 0,
  updateCount: 0,
  ...over,
});

const card = (requests: TrackedRequest[], lang: 'en' | 'fi' = 'en') =>
  batchCard({ items: requests.map((r, i) => ({ request: r, ...(i === 0 ? { clientLabel: 'Acme Oy' } : {}) })), language: lang, workspaceUrl: 'https://acme.slack.com/' });

type Block = { type: string; block_id?: string; text?: { text: string }; elements?: Array<{ action_id: string; value: string }> };
const actionBlocks = (blocks: unknown[]) => (blocks as Block[]).filter((b) => b.type === 'actions');

describe('batchCard', () => {
  it('when it lists the most requests a card may, with very long excerpts, then it stays within Block Kit limits', () => {
    const requests = Array.from({ length: MAX_BATCH }, (_, i) => request(i, { excerpt: `${'x'.repeat(5000)}\n`.repeat(3), priority: 'urgent' }));
    for (const lang of ['en', 'fi'] as const) {
      const c = card(requests, lang);
      expect(() => validateBlocks(c.blocks, 50)).not.toThrow();
      expect(c.blocks.length).toBeLessThanOrEqual(50);
      for (const b of c.blocks as Block[]) if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(b.type === 'header' ? 150 : 3000);
      expect(JSON.stringify(c.blocks).length).toBeLessThan(40_000);
      expect(c.text.length).toBeLessThan(4_000);
    }
  });

  it('when given more requests than a card lists, or none, then it refuses', () => {
    expect(() => card(Array.from({ length: MAX_BATCH + 1 }, (_, i) => request(i)))).toThrow(/1 to 10/);
    expect(() => card([])).toThrow();
  });

  it("when rendered, then each request has its own actions block whose buttons carry that request's id", () => {
    const c = card([request(1), request(2, { ownerId: 'U0AINO', state: 'in_progress' }), request(3)]);
    const actions = actionBlocks(c.blocks);
    expect(actions.map((a) => a.block_id)).toEqual([`${BlockId.BatchCardActions}_R00000001`, `${BlockId.BatchCardActions}_R00000002`, `${BlockId.BatchCardActions}_R00000003`]);
    expect(actions.map((a) => a.elements?.map((e) => [e.action_id, e.value]))).toEqual([
      [[ActionId.Claim, 'R00000001'], [ActionId.Assign, 'R00000001'], [ActionId.Dismiss, 'R00000001']],
      [[ActionId.Assign, 'R00000002'], [ActionId.Dismiss, 'R00000002']],
      [[ActionId.Claim, 'R00000003'], [ActionId.Assign, 'R00000003'], [ActionId.Dismiss, 'R00000003']],
    ]);
  });

  it('when rendered, then each request shows client, channel, priority, owner, its excerpt and a link to its message', () => {
    const json = JSON.stringify(card([request(1), request(2, { ownerId: 'U0AINO', state: 'in_progress', priority: 'urgent' })]).blocks);
    expect(json).toContain('*Acme Oy* · <@U0CLIENT1> in <#C0SHARED1> · Normal · Open · owner: Nobody yet');
    expect(json).toContain('<@U0CLIENT2> in <#C0SHARED2> · :rotating_light: Urgent · In progress · owner: <@U0AINO>');
    expect(json).toContain('&gt; Export 2 fails with error 500');
    expect(json).toContain('<https://acme.slack.com/archives/C0SHARED1/p1700000000000101|Open message>');
    expect(json).toContain('next update due: <!date^');
  });

  it('when a request is dismissed or resolved, then it has no buttons and says who closed it', () => {
    const c = card([request(1, { state: 'dismissed', dismissedBy: 'U0AINO' }), request(2, { state: 'resolved', resolvedBy: 'U0LEAD', ownerId: 'U0LEAD' }), request(3)]);
    expect(actionBlocks(c.blocks).map((a) => a.block_id)).toEqual([`${BlockId.BatchCardActions}_R00000003`]);
    const json = JSON.stringify(c.blocks);
    expect(json).toContain('Dismissed by <@U0AINO> — not a request.');
    expect(json).toContain('Resolved by <@U0LEAD>.');
  });

  it('when an excerpt is hostile, then it is escaped in the blocks and in the fallback text', () => {
    const c = card([request(1, { excerpt: '<!channel> & <@U0LEAD>' }), request(2, { excerpt: '<!here> ping' })]);
    const all = JSON.stringify(c.blocks) + c.text;
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<!here>');
    expect(all).not.toContain('<@U0LEAD>');
  });

  it.each([
    ['en', 2, '2 new client requests'],
    ['en', 1, '1 new client request'],
    ['fi', 2, '2 uutta asiakaspyyntöä'],
    ['fi', 1, '1 uusi asiakaspyyntö'],
  ] as const)('when the channel speaks %s and the card lists %d, then the title reads "%s"', (lang, count, title) => {
    const c = card(Array.from({ length: count }, (_, i) => request(i)), lang);
    expect((c.blocks[0] as Block).text?.text).toBe(title);
    expect(c.text.startsWith(`${title}: Export 0 fails`)).toBe(true);
  });

  it('when the channel speaks Finnish, then the lines and buttons do too', () => {
    const json = JSON.stringify(card([request(1), request(2)], 'fi').blocks);
    expect(json).toContain('kanavalla <#C0SHARED1> · Normaali');
    expect(json).toContain('vastuuhenkilö: Ei vielä ketään');
    expect(json).not.toContain('"Claim"');
  });

  it('when one request of the card is urgent and still open, then the title is flagged', () => {
    expect((card([request(1), request(2, { priority: 'urgent' })]).blocks[0] as Block).text?.text).toMatch(/^:rotating_light: /);
    expect((card([request(1), request(2, { priority: 'urgent', state: 'resolved' })]).blocks[0] as Block).text?.text).not.toMatch(/rotating_light/);
  });
});
