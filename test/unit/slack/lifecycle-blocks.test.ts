/** The consultant prompts, the client updates and the modals: their JSON, limits, escaping, languages. */
import type { TrackedRequest } from '../../../src/domain/request';
import { clientUpdateMessage, closingMessage } from '../../../src/slack/blocks/client-updates';
import { assignModal, etaModal, readEtaChoice, readMetadata, readText, resolveModal, updateModal } from '../../../src/slack/blocks/modals';
import * as prompts from '../../../src/slack/blocks/owner-prompts';
import { ActionId, BlockId, CallbackId } from '../../../src/slack/ids';
import { viewInput } from '../../support/builders';

const T0 = Date.UTC(2026, 10, 23, 8, 0); // Mon 10:00 in Helsinki
const HOSTILE = '<!channel> <!here> <@U0LEAD> <!subteam^S1|@ops> @everyone & <b> ' + 'x'.repeat(400);
const request: TrackedRequest = {
  id: 'R00000007',
  teamId: 'T0HOST',
  channelId: 'C0SHARED',
  ts: '1700000000.000100',
  joinedTs: [],
  clientUserId: 'U0CLIENT',
  clientName: 'Maria',
  excerpt: HOSTILE,
  priority: 'normal',
  state: 'in_progress',
  trigger: 'auto',
  createdAt: T0,
  nextUpdateDueAt: T0 + 3_600_000,
  ownerId: 'U0AINO',
  revision: 3,
  updateCount: 1,
};
const input = (language: 'en' | 'fi' = 'en') => ({ request, language, workspaceUrl: 'https://acme.slack.com/', clientLabel: 'Acme <!here>' });
const ALL_PROMPTS = (language: 'en' | 'fi') => ({
  askEta: prompts.askEtaMessage(input(language)),
  reminder: prompts.reminderMessage({ ...input(language), dueTime: '11:00' }),
  triage: prompts.triageReminderMessage({ ...input(language), dueTime: '11:00' }),
  onTrack: prompts.onTrackMessage({ ...input(language), eta: '16:00' }),
  etaMissed: prompts.etaMissedMessage({ ...input(language), eta: '16:00' }),
  etaMissedLead: prompts.etaMissedLeadMessage({ ...input(language), eta: '16:00' }),
  escalation: prompts.escalationMessage({ ...input(language), dueTime: '11:00' }),
  clientWrote: prompts.clientWroteMessage({ ...input(language), threadUrl: 'https://acme.slack.com/archives/C0SHARED/p1' }),
  reopen: prompts.reopenOfferMessage({ ...input(language), resolved: 'today', threadUrl: 'https://acme.slack.com/archives/C0SHARED/p1' }),
});
const buttonsOf = (blocks: unknown[]) =>
  blocks.flatMap((b) => ((b as { type: string }).type === 'actions' ? (b as { elements: Array<{ action_id: string; value: string; text: { text: string } }> }).elements : []));

describe('owner prompts', () => {
  it.each<[keyof ReturnType<typeof ALL_PROMPTS>, string[]]>([
    ['askEta', [ActionId.SetEta]],
    ['reminder', [ActionId.PostUpdate, ActionId.StillOnIt, ActionId.SetEta, ActionId.WaitOnClient, ActionId.Resolve]],
    ['triage', [ActionId.Claim]],
    ['onTrack', [ActionId.OnTrackYes, ActionId.SetEta, ActionId.Resolve]],
    ['etaMissed', [ActionId.SetEta, ActionId.Resolve]],
    ['etaMissedLead', []],
    ['escalation', []],
    ['clientWrote', [ActionId.PostUpdate, ActionId.StillOnIt, ActionId.SetEta, ActionId.WaitOnClient, ActionId.Resolve]],
    ['reopen', [ActionId.Reopen, ActionId.NoActionNeeded]],
  ])('when the %s prompt is built, then its buttons are %j, each carrying the request id', (name, actions) => {
    const message = ALL_PROMPTS('en')[name];
    const buttons = buttonsOf(message.blocks);
    expect(buttons.map((b) => b.action_id)).toEqual(actions);
    expect(buttons.every((b) => b.value === 'R00000007' && b.text.text.length <= 75)).toBe(true);
  });

  it.each(['en', 'fi'] as const)('when built in %s, then no client text can ping anyone and sections stay within 3000 characters', (language) => {
    for (const message of Object.values(ALL_PROMPTS(language))) {
      const json = JSON.stringify(message);
      for (const sequence of ['<!channel>', '<!here>', '<!subteam', '<@U0LEAD>', '<b>']) expect(json).not.toContain(sequence);
      expect(json).not.toMatch(/@everyone/);
      for (const block of message.blocks as Array<{ text?: { text: string } }>) expect((block.text?.text ?? '').length).toBeLessThanOrEqual(3000);
    }
  });

  it('when the channel speaks Finnish, then the prompts do too', () => {
    expect(ALL_PROMPTS('fi').reminder.text).toMatch(/^Tilannepäivitys asiakkaalle Acme .+ viimeistään 11:00: /);
    expect(buttonsOf(ALL_PROMPTS('fi').reminder.blocks).map((b) => b.text.text)).toEqual(['Lähetä päivitys', 'Työn alla, ei uutta', 'Muuta arviota', 'Odottaa asiakasta', 'Ratkaistu']);
  });
});

describe('client updates', () => {
  const text = (update: Parameters<typeof clientUpdateMessage>[0], language: 'en' | 'fi' = 'en') =>
    clientUpdateMessage(update, { language, timezone: 'Europe/Helsinki', now: T0, clientTz: 'Europe/Helsinki' }).text;
  const due = T0 + 4 * 3_600_000; // 14:00 Helsinki

  it.each<[string, Parameters<typeof clientUpdateMessage>[0], string]>([
    ['a first ETA with a note', { type: 'eta', etaAt: T0 + 6 * 3_600_000, reason: 'Checking the disk', nextUpdateDueAt: due }, 'Estimated resolution: 16:00 today.\nNote: Checking the disk\nNext update by 14:00 today.'],
    ['a revised ETA with a reason', { type: 'eta', etaAt: T0 + 30 * 3_600_000, previousEtaAt: T0 + 6 * 3_600_000, reason: 'Vendor', nextUpdateDueAt: due }, 'New estimated resolution: 16:00 tomorrow (was 16:00 today).\nReason: Vendor\nNext update by 14:00 today.'],
    ['"not known yet"', { type: 'eta', nextUpdateDueAt: due }, "We don't have an estimate yet. We'll tell you as soon as we do.\nNext update by 14:00 today."],
    ['still on it', { type: 'still_on_it', nextUpdateDueAt: due }, 'Still working on this — nothing new yet.\nNext update by 14:00 today.'],
    ['the owner\'s words, escaped', { type: 'text', text: ' Fixed <!channel> & more ', nextUpdateDueAt: due }, 'Fixed &lt;!channel&gt; &amp; more\nNext update by 14:00 today.'],
    ['reopening', { type: 'reopened', nextUpdateDueAt: due }, "We've reopened this request and are looking at it again.\nNext update by 14:00 today."],
  ])('when the update is %s, then the client reads it, ending with the next update time', (_label, update, expected) => {
    expect(text(update)).toBe(expected);
  });

  it('when the channel speaks Finnish, then so do the updates', () => {
    expect(text({ type: 'still_on_it', nextUpdateDueAt: due }, 'fi')).toBe('Työ jatkuu – ei vielä uutta kerrottavaa.\nSeuraava päivitys viimeistään tänään klo 14.00.');
  });

  it('when a request is resolved, then the closing message gives the summary and asks for feedback by reaction', () => {
    expect(closingMessage('Disk <replaced>', 'en').text).toBe('Resolved: Disk &lt;replaced&gt;\nHow did we do? React to this message with :+1:, :neutral_face: or :-1:.');
    expect(closingMessage(undefined, 'en').text).toMatch(/^Resolved\.\n/);
  });
});

describe('modals', () => {
  const metadata = { requestId: 'R00000007', prompt: { channel: 'D0AINO', ts: '1.2' } };
  const modals = {
    eta: etaModal({ request, language: 'en', metadata, timezone: 'Europe/Helsinki', currentEta: '16:00 today' }),
    update: updateModal({ request, language: 'fi', metadata, timezone: 'Europe/Helsinki' }),
    resolve: resolveModal({ request, language: 'en', metadata }),
    assign: assignModal({ request, language: 'en', metadata, currentOwnerId: 'U0AINO' }),
  };

  it.each([
    ['eta', CallbackId.EtaModal, [BlockId.EtaQuickPick, BlockId.EtaDate, BlockId.EtaTime, BlockId.EtaNote]],
    ['update', CallbackId.UpdateModal, [BlockId.UpdateText, BlockId.EtaQuickPick, BlockId.EtaDate, BlockId.EtaTime]],
    ['resolve', CallbackId.ResolveModal, [BlockId.ResolveSummary, BlockId.ResolveThanks]],
    ['assign', CallbackId.AssignModal, [BlockId.AssignUser]],
  ] as const)('when the %s modal is built, then it has its callback id, inputs and metadata within limits', (name, callbackId, inputs) => {
    const modal = modals[name];
    expect(modal.callback_id).toBe(callbackId);
    expect(modal.blocks.filter((b) => (b as { type: string }).type === 'input').map((b) => (b as { block_id: string }).block_id)).toEqual(inputs);
    expect(readMetadata(modal.private_metadata)).toEqual(metadata);
    for (const t of [modal.title, modal.submit, modal.close]) expect(t.text.length).toBeLessThanOrEqual(24);
    expect(modal.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(modal)).not.toContain('<!channel>');
  });

  it('when the ETA modal is built, then the time picker names and uses the channel zone', () => {
    const json = JSON.stringify(modals.eta);
    expect(json).toContain('"label":{"type":"plain_text","text":"Time (Helsinki time)","emoji":true}');
    expect(json).toContain('"timezone":"Europe/Helsinki"');
    expect(json).toContain('Current estimate: 16:00 today');
  });

  it('when values come back, then the readers take what Slack sends', () => {
    const values = {
      [BlockId.EtaQuickPick]: { [ActionId.EtaQuickPick]: viewInput.staticSelect('in_4h') },
      [BlockId.EtaDate]: { [ActionId.EtaDate]: viewInput.date('2026-12-01') },
      [BlockId.EtaTime]: { [ActionId.EtaTime]: viewInput.time(null) },
      [BlockId.UpdateText]: { [ActionId.UpdateText]: viewInput.text('  hello  ') },
    };
    expect(readEtaChoice(values)).toEqual({ pick: 'in_4h', date: '2026-12-01', time: undefined });
    expect(readText(values, BlockId.UpdateText, ActionId.UpdateText)).toBe('hello');
    expect(readText(values, BlockId.ResolveSummary, ActionId.ResolveSummary)).toBeUndefined();
  });

  it.each(['', 'null', '{}', '{"requestId":"../x"}', '{"requestId":5}', 'not json'])('when the metadata is %j, then it is refused', (raw) => {
    expect(readMetadata(raw)).toBeUndefined();
  });
});
