import { answeredOffer, clientThanksMessage, parseThanksOfferValue, thanksOfferBlocks, thanksOfferValue } from '../../../src/slack/blocks/thanks';

describe('the value of [Pass on our thanks]', () => {
  it.each([
    [{ channelId: 'C0SHARED', resolved: 2, people: ['U0AINO', 'U0LEAD'] }, 1795000000000],
    [{ channelId: 'G0PRIVATE', resolved: 1, people: [] }, 0],
    [{ channelId: 'C1', resolved: 40, people: ['W0ENTERPRISE'] }, 1795000000000],
  ])('%j carries the offer and the week, and gives them back', (offer, from) => {
    expect(parseThanksOfferValue(thanksOfferValue(offer, from))).toEqual({ offer, from });
  });

  it.each([
    ['nothing', undefined],
    ['empty', ''],
    ['only a channel', 'C0SHARED'],
    ['no count', 'C0SHARED|1795000000000||U0AINO'],
    ['a count of zero', 'C0SHARED|1795000000000|0|U0AINO'],
    ['not a channel', 'U0AINO|1795000000000|1|U0AINO'],
    ['a person who is not a user id', 'C0SHARED|1795000000000|1|<!channel>'],
    ['text where the week should be', 'C0SHARED|monday|1|U0AINO'],
    ['a trailing comma', 'C0SHARED|1795000000000|1|U0AINO,'],
  ])('%s is not an offer', (_, value) => {
    expect(parseThanksOfferValue(value)).toBeUndefined();
  });
});

describe('clientThanksMessage', () => {
  it.each([
    ['en', 1, ['U1'], ':pray: Thank you for the past week! We resolved one request together, and we appreciate working with you. — <@U1>'],
    ['en', 3, ['U1', 'U2'], ':pray: Thank you for the past week! We resolved 3 requests together, and we appreciate working with you. — <@U1> and <@U2>'],
    ['en', 3, ['U1', 'U2', 'U3'], ':pray: Thank you for the past week! We resolved 3 requests together, and we appreciate working with you. — <@U1>, <@U2>, and <@U3>'],
    ['en', 2, [], ':pray: Thank you for the past week! We resolved 2 requests together, and we appreciate working with you. — Acme &lt;Consulting&gt;'],
    ['fi', 1, ['U1'], ':pray: Kiitos kuluneesta viikosta! Ratkaisimme yhdessä yhden pyynnön ja yhteistyö kanssanne on ollut ilo. – <@U1>'],
    ['fi', 2, ['U1', 'U2', 'U3'], ':pray: Kiitos kuluneesta viikosta! Ratkaisimme yhdessä 2 pyyntöä ja yhteistyö kanssanne on ollut ilo. – <@U1>, <@U2> ja <@U3>'],
  ] as const)('%s, %i resolved, signed by %j', (language, resolved, people, text) => {
    const message = clientThanksMessage({ resolved, people, teamName: 'Acme <Consulting>', language });
    expect(message.text).toBe(text);
    expect(message.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text } }]);
  });
});

describe('the offer in the digest', () => {
  const offers = [
    { channelId: 'C1', resolved: 2, people: ['U1'], language: 'fi' as const, leads: ['U0LEAD'], clientName: 'Globex <!channel>' },
    { channelId: 'C2', resolved: 1, people: ['U2'], language: 'en' as const, leads: ['U0LEAD'] },
  ];
  const blocks = thanksOfferBlocks(offers, { from: 1795000000000, teamName: 'Acme', language: 'en' });

  it('has no blocks when there is nobody to thank', () => {
    expect(thanksOfferBlocks([], { from: 1795000000000, teamName: 'Acme', language: 'en' })).toEqual([]);
  });

  it('shows each client (their name escaped), a button, and the words in the client channel language', () => {
    const text = JSON.stringify(blocks);
    expect(text).toContain('*Globex &lt;!channel&gt;* (<#C1>): 2 requests resolved (<@U1>)');
    expect(text).toContain('They will read: :pray: Kiitos kuluneesta viikosta! Ratkaisimme yhdessä 2 pyyntöä');
    expect(text).toContain('<#C2>: 1 request resolved (<@U2>)');
    expect(text).toContain('They will read: :pray: Thank you for the past week! We resolved one request together');
    const buttons = blocks.flatMap((b) => ('accessory' in b ? [b.accessory] : []));
    expect(buttons.map((b) => parseThanksOfferValue((b as { value: string }).value)?.offer.channelId)).toEqual(['C1', 'C2']);
  });

  it('once answered, only that row loses its button and says what was done', () => {
    const answered = answeredOffer(blocks, 'C2', 'Thanks passed on.');
    const rows = answered.filter((b) => String((b as { block_id?: string }).block_id).startsWith('thanks_offer_')) as Array<{ text: { text: string }; accessory?: unknown }>;
    expect(rows[0]?.accessory).toBeDefined();
    expect(rows[1]?.accessory).toBeUndefined();
    expect(rows[1]?.text.text).toBe('<#C2>: 1 request resolved (<@U2>)\n:white_check_mark: Thanks passed on.');
  });
});
