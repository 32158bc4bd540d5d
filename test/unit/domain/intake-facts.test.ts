import { intakeFacts } from '../../../src/domain/intake-facts';
import { excerptOf } from '../../../src/domain/request';

const base = { channelId: 'C0ACME', ts: '1700000000.000100', userId: 'U0CLIENT' };

describe('intakeFacts', () => {
  it.each<[string, string, 'urgent' | 'normal']>([
    ['a short normal message', 'Could you check the March invoices?', 'normal'],
    ['urgency in the first words', 'Production is down!', 'urgent'],
    ['urgency only after the excerpt', `${'Some background on the invoices. '.repeat(15)}Now production is down.`, 'urgent'],
    ['a long message without urgency', 'Background. '.repeat(60), 'normal'],
  ])('when %s is queued, then the job holds the excerpt and the urgency of the whole text', (_label, text, priority) => {
    expect(intakeFacts({ ...base, text })).toEqual({ ...base, text: excerptOf(text), priority });
  });

  it('when a trimmed message is queued again (a replay), then the urgency read before stays', () => {
    const once = intakeFacts({ ...base, text: `${'Some background on the invoices. '.repeat(15)}Now production is down.` });
    expect(intakeFacts(once)).toEqual(once);
  });
});
