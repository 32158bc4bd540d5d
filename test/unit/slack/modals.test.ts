import { ETA_QUICK_PICKS } from '../../../src/domain/eta';
import type { Language } from '../../../src/domain/settings';
import {
  type ModalMetadata,
  type ViewValues,
  assignModal,
  etaModal,
  readEtaChoice,
  readMetadata,
  readText,
  readUser,
  readChecked,
  resolveModal,
  updateModal,
  waitModal,
} from '../../../src/slack/blocks/modals';
import { ActionId, BlockId, CallbackId } from '../../../src/slack/ids';
import { viewInput } from '../../support/payloads/views';

const HOSTILE = '<!channel> @here <@U123> <!subteam^S1> & < >';
const META: ModalMetadata = { requestId: 'R00000042', prompt: { channel: 'D0AINO', ts: '1700000100.000200' } };

type Over = { excerpt?: string; language?: Language; metadata?: ModalMetadata };
const common = (o: Over = {}) => ({
  request: { id: 'R00000042', excerpt: o.excerpt ?? 'Our export job fails with error 500' },
  language: o.language ?? 'en',
  metadata: o.metadata ?? META,
});

type PlainText = { type: string; text: string };
type Block = { type: string; block_id?: string; label?: PlainText; hint?: PlainText; optional?: boolean; text?: PlainText; elements?: Array<{ type: string; text: string }>; element?: Record<string, unknown> };
type View = { type: string; callback_id: string; title: PlainText; submit: PlainText; close: PlainText; private_metadata: string; blocks: Block[] };

const modals: Array<[string, (o?: Over) => View]> = [
  ['etaModal', (o) => etaModal({ ...common(o), timezone: 'Europe/Helsinki', currentEta: '16:00 tomorrow (Helsinki time)' }) as View],
  ['updateModal', (o) => updateModal({ ...common(o), timezone: 'Europe/Helsinki' }) as View],
  ['resolveModal', (o) => resolveModal(common(o)) as View],
  ['assignModal', (o) => assignModal({ ...common(o), currentOwnerId: 'U0AINO' }) as View],
];

/** Block Kit limits of a modal view; returns what breaks them. */
function viewProblems(view: View): string[] {
  const problems: string[] = [];
  const plainWithin = (what: string, p: PlainText | undefined, max: number) => {
    if (!p) return;
    if (p.type !== 'plain_text') problems.push(`${what} is ${p.type}`);
    if (p.text.length > max) problems.push(`${what} of ${p.text.length} chars`);
    if (p.text.length === 0) problems.push(`${what} is empty`);
  };
  plainWithin('title', view.title, 24);
  plainWithin('submit', view.submit, 24);
  plainWithin('close', view.close, 24);
  if (view.blocks.length > 100) problems.push(`${view.blocks.length} blocks`);
  if (view.private_metadata.length > 3000) problems.push('long private_metadata');
  if (view.callback_id.length > 255) problems.push('long callback_id');
  for (const block of view.blocks) {
    if (block.block_id && block.block_id.length > 255) problems.push('long block_id');
    plainWithin(`label of ${block.block_id}`, block.label, 2000);
    plainWithin(`hint of ${block.block_id}`, block.hint, 2000);
    if (block.type === 'header') plainWithin('header', block.text, 150);
    if (block.type === 'context') {
      if ((block.elements ?? []).length > 10) problems.push('over 10 context elements');
      for (const e of block.elements ?? []) if (e.text.length > 3000) problems.push('long context text');
    }
    const options = (block.element?.options ?? []) as Array<{ text: PlainText; value: string }>;
    if (options.length > 100) problems.push('over 100 options');
    for (const option of options) {
      plainWithin(`option ${option.value}`, option.text, 75);
      if (option.value.length > 150) problems.push('long option value');
    }
  }
  return problems;
}

const inputsOf = (view: View) =>
  view.blocks.filter((b) => b.type === 'input').map((b) => [b.block_id, b.element?.action_id, b.element?.type, b.optional]);
const contextTexts = (view: View) => view.blocks.filter((b) => b.type === 'context').map((b) => b.elements?.[0]?.text);

const ETA_INPUTS = [
  [BlockId.EtaQuickPick, ActionId.EtaQuickPick, 'static_select', true],
  [BlockId.EtaDate, ActionId.EtaDate, 'datepicker', true],
  [BlockId.EtaTime, ActionId.EtaTime, 'timepicker', true],
];

describe('request modals', () => {
  it.each<[string, View, string, string[], unknown[]]>([
    [
      'the ETA modal',
      modals[0]![1](),
      CallbackId.EtaModal,
      ['Set ETA', 'Save', 'Cancel'],
      [...ETA_INPUTS, [BlockId.EtaNote, ActionId.EtaNote, 'plain_text_input', true]],
    ],
    [
      'the update modal',
      modals[1]![1](),
      CallbackId.UpdateModal,
      ['Post update', 'Save', 'Cancel'],
      [[BlockId.UpdateText, ActionId.UpdateText, 'plain_text_input', false], ...ETA_INPUTS],
    ],
    ['the resolve modal', modals[2]![1](), CallbackId.ResolveModal, ['Resolve request', 'Resolve', 'Cancel'], [[BlockId.ResolveSummary, ActionId.ResolveSummary, 'plain_text_input', true], [BlockId.ResolveThanks, ActionId.ResolveThanks, 'plain_text_input', true]]],
    ['the assign modal', modals[3]![1](), CallbackId.AssignModal, ['Assign request', 'Assign', 'Cancel'], [[BlockId.AssignUser, ActionId.AssignUser, 'users_select', false]]],
  ])('when %s is built, then callback id, buttons and inputs use the declared ids', (_label, view, callbackId, [title, submit, close], inputs) => {
    expect(view.type).toBe('modal');
    expect(view.callback_id).toBe(callbackId);
    expect([view.title.text, view.submit.text, view.close.text]).toEqual([title, submit, close]);
    expect(inputsOf(view)).toEqual(inputs);
    expect(contextTexts(view)[0]).toBe('Our export job fails with error 500');
  });

  it.each<[string, View, string[]]>([
    ['the ETA modal', modals[0]![1]({ language: 'fi' }), ['Aseta arvio', 'Tallenna', 'Peruuta']],
    ['the update modal', modals[1]![1]({ language: 'fi' }), ['Lähetä päivitys', 'Tallenna', 'Peruuta']],
    ['the resolve modal', modals[2]![1]({ language: 'fi' }), ['Ratkaise pyyntö', 'Ratkaise', 'Peruuta']],
    ['the assign modal', modals[3]![1]({ language: 'fi' }), ['Nimeä vastuuhenkilö', 'Nimeä', 'Peruuta']],
  ])('when %s is built in Finnish, then title and buttons are Finnish', (_label, view, expected) => {
    expect([view.title.text, view.submit.text, view.close.text]).toEqual(expected);
  });

  it.each(modals)('when %s is built, then private_metadata round-trips through readMetadata', (_name, build) => {
    expect(readMetadata(build().private_metadata)).toEqual(META);
    expect(readMetadata(build({ metadata: { requestId: 'R00000042' } }).private_metadata)).toEqual({ requestId: 'R00000042' });
  });

  it.each(modals)('when %s quotes a hostile excerpt, then nothing in it can ping anyone', (_name, build) => {
    const json = JSON.stringify(build({ excerpt: HOSTILE }));
    for (const raw of ['<!channel>', '<!here>', '<!subteam', '<@U123>', '@here', ' & ', '< >']) expect(json).not.toContain(raw);
    expect(json).toContain('&lt;!channel&gt; @\u2060here &lt;@U123&gt; &lt;!subteam^S1&gt; &amp; &lt; &gt;');
  });

  it.each(modals.flatMap(([name, build]) => (['en', 'fi'] as const).map((lang) => [name, lang, build] as const)))(
    'when %s is built in %s around a very long excerpt, then it stays within Block Kit limits',
    (_name, language, build) => {
      const view = build({ excerpt: 'x'.repeat(10_000), language });
      expect(viewProblems(view)).toEqual([]);
      expect(contextTexts(view)[0]).toBe(`${'x'.repeat(299)}…`);
    },
  );

  it('when the ETA modal is built, then it offers every quick pick with its label and the time in the channel zone', () => {
    const view = modals[0]![1]();
    const pick = view.blocks.find((b) => b.block_id === BlockId.EtaQuickPick)!;
    const options = pick.element!.options as Array<{ text: PlainText; value: string }>;
    expect(options.map((o) => o.value)).toEqual([...ETA_QUICK_PICKS]);
    expect(options.map((o) => o.text.text)).toEqual([
      'In 1 hour',
      'In 2 hours',
      'In 4 hours',
      'End of the working day',
      'Tomorrow',
      'In 3 working days',
      'Not known yet',
    ]);
    const time = view.blocks.find((b) => b.block_id === BlockId.EtaTime)!;
    expect(time.label!.text).toBe('Time (Helsinki time)');
    expect(time.element).toEqual({ type: 'timepicker', action_id: ActionId.EtaTime, timezone: 'Europe/Helsinki' });
    expect(contextTexts(view)).toEqual([
      'Our export job fails with error 500',
      'Current estimate: 16:00 tomorrow (Helsinki time)',
      'Or an exact date and time (these win over the quick pick)',
    ]);
    const note = view.blocks.find((b) => b.block_id === BlockId.EtaNote)!;
    expect(note.element).toEqual({ type: 'plain_text_input', action_id: ActionId.EtaNote, multiline: true, max_length: 500 });
    expect(note.hint!.text).toBe('When you revise an estimate, say why: the client sees it.');
  });

  it('when the ETA modal has no current estimate, then it does not mention one', () => {
    const view = etaModal({ ...common(), timezone: 'Europe/Helsinki' }) as View;
    expect(contextTexts(view)).toEqual(['Our export job fails with error 500', 'Or an exact date and time (these win over the quick pick)']);
  });

  it('when the ETA modal is Finnish, then the quick picks and the zone are Finnish', () => {
    const view = modals[0]![1]({ language: 'fi' });
    const options = view.blocks.find((b) => b.block_id === BlockId.EtaQuickPick)!.element!.options as Array<{ text: PlainText }>;
    expect(options.map((o) => o.text.text)).toEqual([
      'Tunnin päästä',
      '2 tunnin päästä',
      '4 tunnin päästä',
      'Työpäivän loppuun',
      'Huomenna',
      '3 työpäivän päästä',
      'Ei vielä tiedossa',
    ]);
    expect(view.blocks.find((b) => b.block_id === BlockId.EtaTime)!.label!.text).toBe('Kellonaika (Suomen aikaa)');
  });

  it('when the update modal is built, then the text is required and the ETA comes under its own header', () => {
    const view = modals[1]![1]();
    expect(view.blocks.map((b) => b.type)).toEqual(['context', 'input', 'header', 'input', 'context', 'input', 'input']);
    expect(view.blocks[2]!.text!.text).toBe('New ETA (optional)');
    expect(view.blocks[1]!.element).toEqual({ type: 'plain_text_input', action_id: ActionId.UpdateText, multiline: true, max_length: 2500 });
  });

  it.each(['en', 'fi'] as const)('when the ETA in force has passed, then the %s update modal says so and offers "no new estimate yet", within Block Kit limits', (language) => {
    const view = updateModal({ ...common({ language, excerpt: 'x'.repeat(10_000) }), timezone: 'Europe/Helsinki', passedEta: '16:00 yesterday (Helsinki time)' }) as View;
    expect(viewProblems(view)).toEqual([]);
    expect(contextTexts(view)[1]).toContain('16:00 yesterday (Helsinki time)');
    expect(inputsOf(view).at(-1)).toEqual([BlockId.UpdateNoNewEta, ActionId.UpdateNoNewEta, 'checkboxes', true]);
    const plain = updateModal({ ...common({ language }), timezone: 'Europe/Helsinki' }) as View;
    expect(inputsOf(plain).map((i) => i[0])).not.toContain(BlockId.UpdateNoNewEta);
  });

  it.each(['en', 'fi'] as const)('when the %s wait modal is built, then what we need is one required text, within Block Kit limits, and pings nobody', (language) => {
    const view = waitModal(common({ language, excerpt: HOSTILE })) as View;
    expect(view.callback_id).toBe(CallbackId.WaitModal);
    expect(inputsOf(view)).toEqual([[BlockId.WaitNeed, ActionId.WaitNeed, 'plain_text_input', false]]);
    expect(view.blocks[1]!.element).toMatchObject({ max_length: 300, multiline: true });
    expect(viewProblems(view)).toEqual([]);
    expect(JSON.stringify(view)).not.toContain('<!channel>');
  });

  it.each<[string, ViewValues, boolean]>([
    ['ticked', { [BlockId.UpdateNoNewEta]: { [ActionId.UpdateNoNewEta]: viewInput.checkboxes(['no_new_eta']) } }, true],
    ['left empty', { [BlockId.UpdateNoNewEta]: { [ActionId.UpdateNoNewEta]: viewInput.checkboxes([]) } }, false],
    ['not in the modal', {}, false],
  ])('when "no new estimate yet" is %s, then readChecked says %s', (_label, values, expected) => {
    expect(readChecked(values, BlockId.UpdateNoNewEta, ActionId.UpdateNoNewEta)).toBe(expected);
  });

  it('when the assign modal knows the owner, then the picker starts on them, and otherwise it starts empty', () => {
    expect(modals[3]![1]().blocks.find((b) => b.block_id === BlockId.AssignUser)!.element).toEqual({
      type: 'users_select',
      action_id: ActionId.AssignUser,
      initial_user: 'U0AINO',
    });
    const fresh = assignModal(common()) as View;
    expect(fresh.blocks.find((b) => b.block_id === BlockId.AssignUser)!.element).toEqual({ type: 'users_select', action_id: ActionId.AssignUser });
  });
});

/** state.values with the ETA inputs filled as given (null: the input was left empty). */
const etaValues = (pick: string | null, date: string | null, time: string | null): ViewValues => ({
  [BlockId.EtaQuickPick]: { [ActionId.EtaQuickPick]: viewInput.staticSelect(pick) },
  [BlockId.EtaDate]: { [ActionId.EtaDate]: viewInput.date(date) },
  [BlockId.EtaTime]: { [ActionId.EtaTime]: viewInput.time(time, 'Europe/Helsinki') },
});

describe('readEtaChoice', () => {
  it.each<[string, ViewValues, ReturnType<typeof readEtaChoice>]>([
    ['a quick pick', etaValues('in_2h', null, null), { pick: 'in_2h', date: undefined, time: undefined }],
    ['a date and a time', etaValues(null, '2026-11-24', '16:30'), { pick: undefined, date: '2026-11-24', time: '16:30' }],
    ['everything', etaValues('tomorrow', '2026-11-24', '16:30'), { pick: 'tomorrow', date: '2026-11-24', time: '16:30' }],
    ['nothing', etaValues(null, null, null), { pick: undefined, date: undefined, time: undefined }],
    ['no ETA blocks at all', {}, { pick: undefined, date: undefined, time: undefined }],
    ['values under other action ids', { [BlockId.EtaDate]: { other: viewInput.date('2026-11-24') } }, { pick: undefined, date: undefined, time: undefined }],
    [
      'junk in place of the values',
      {
        [BlockId.EtaQuickPick]: { [ActionId.EtaQuickPick]: { selected_option: { value: 7 } } },
        [BlockId.EtaDate]: { [ActionId.EtaDate]: { selected_date: '' } },
        [BlockId.EtaTime]: { [ActionId.EtaTime]: { selected_time: 1630 } },
      },
      { pick: undefined, date: undefined, time: undefined },
    ],
  ])('when the modal was submitted with %s, then the choice is read as expected', (_label, values, expected) => {
    expect(readEtaChoice(values)).toEqual(expected);
  });
});

describe('readText', () => {
  const values = (value: string | null): ViewValues => ({ [BlockId.UpdateText]: { [ActionId.UpdateText]: viewInput.text(value) } });
  it.each<[string, ViewValues, string | undefined]>([
    ['words', values('Deployed the fix.'), 'Deployed the fix.'],
    ['words with blanks around them', values('  \n Deployed.\n '), 'Deployed.'],
    ['only blanks', values(' \n\t '), undefined],
    ['an empty input', values(null), undefined],
    ['an empty string', values(''), undefined],
    ['no such block', {}, undefined],
  ])('when the input holds %s, then the text is %j', (_label, v, expected) => {
    expect(readText(v, BlockId.UpdateText, ActionId.UpdateText)).toBe(expected);
  });

  it('when asked for another block, then it reads that one only', () => {
    expect(readText(values('Deployed.'), BlockId.ResolveSummary, ActionId.ResolveSummary)).toBeUndefined();
  });
});

describe('readUser', () => {
  it.each<[string, ViewValues, string | undefined]>([
    ['a user', { [BlockId.AssignUser]: { [ActionId.AssignUser]: viewInput.user('U0AINO') } }, 'U0AINO'],
    ['nobody', { [BlockId.AssignUser]: { [ActionId.AssignUser]: viewInput.user(null) } }, undefined],
    ['no such block', {}, undefined],
  ])('when the picker holds %s, then the user is %j', (_label, values, expected) => {
    expect(readUser(values)).toBe(expected);
  });
});

describe('readMetadata', () => {
  it.each<[string, string, ModalMetadata | undefined]>([
    ['a request id', '{"requestId":"R00000042"}', { requestId: 'R00000042' }],
    ['a request id and a prompt', JSON.stringify(META), META],
    ['extra fields', '{"requestId":"R1","evil":true,"prompt":{"channel":"D1","ts":"1.2","x":1}}', { requestId: 'R1', prompt: { channel: 'D1', ts: '1.2' } }],
    ['a prompt without a ts', '{"requestId":"R1","prompt":{"channel":"D1"}}', { requestId: 'R1' }],
    ['a prompt of the wrong types', '{"requestId":"R1","prompt":{"channel":1,"ts":2}}', { requestId: 'R1' }],
    ['a null prompt', '{"requestId":"R1","prompt":null}', { requestId: 'R1' }],
    ['an id that is not a request id', '{"requestId":"U00000042"}', undefined],
    ['an id with more after the digits', '{"requestId":"R42:evil"}', undefined],
    ['an id with no digits', '{"requestId":"R"}', undefined],
    ['a lower-case id', '{"requestId":"r42"}', undefined],
    ['a numeric id', '{"requestId":42}', undefined],
    ['no id', '{"prompt":{"channel":"D1","ts":"1.2"}}', undefined],
    ['an empty string', '', undefined],
    ['not JSON', 'R00000042', undefined],
    ['JSON null', 'null', undefined],
    ['a JSON string', '"R00000042"', undefined],
    ['a JSON array', '["R00000042"]', undefined],
  ])('when private_metadata holds %s, then it reads as expected', (_label, raw, expected) => {
    expect(readMetadata(raw)).toEqual(expected);
  });
});
