/**
 * The team's thanks to a client: the offer in a team lead's weekly digest (a row and a button per
 * client channel, with the exact words the client will read) and the thank-you itself. Pure.
 */
import type { ThanksOfferFor } from '../../app/pass-on-thanks';
import type { Language } from '../../domain/settings';
import type { ThanksOffer } from '../../domain/thanks';
import { t, tn } from '../../i18n';
import { ActionId, BlockId } from '../ids';
import { button, context, section } from './elements';
import { channelLink, escapeMrkdwn, mention, truncate } from './mrkdwn';

/** People as a sentence's list: "<@A>, <@B> and <@C>", "<@A>, <@B> ja <@C>". */
function listOf(people: readonly string[], lang: Language): string {
  return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(people.map(mention));
}

/** What the client reads: thanks for the week's requests, signed by the people who worked on them. */
export function clientThanksMessage(input: { resolved: number; people: readonly string[]; teamName: string; language: Language }) {
  const { resolved, people, teamName, language } = input;
  const signature = people.length > 0 ? listOf(people, language) : escapeMrkdwn(teamName);
  const text = tn(language, 'thanks.client', resolved, { people: signature });
  return { text, blocks: [section(text)] };
}

/** The value of an offer's button: the offer as shown (the words the lead approves) and the week's first instant. */
export function thanksOfferValue(offer: ThanksOffer, from: number): string {
  return [offer.channelId, from, offer.resolved, offer.people.join(',')].join('|');
}

/** The offer a button carries, or undefined when its value is not one of ours. */
export function parseThanksOfferValue(value: string | undefined): { offer: ThanksOffer; from: number } | undefined {
  const match = /^([CG][A-Z0-9]+)\|(\d{1,15})\|([1-9]\d{0,5})\|((?:[UW][A-Z0-9]+(?:,[UW][A-Z0-9]+)*)?)$/.exec(value ?? '');
  if (!match) return undefined;
  const [, channelId, from, resolved, people] = match as unknown as [string, string, string, string, string];
  return { offer: { channelId, resolved: Number(resolved), people: people ? people.split(',') : [] }, from: Number(from) };
}

const offerBlockId = (channelId: string) => `${BlockId.ThanksOffer}_${channelId}`;

/** The digest's question to a team lead: which clients to thank, one button each. */
export function thanksOfferBlocks(offers: readonly ThanksOfferFor[], input: { from: number; teamName: string; language: Language }) {
  if (offers.length === 0) return [];
  const lang = input.language;
  return [
    { type: 'divider' },
    section(t(lang, 'thanks.offer.title')),
    ...offers.flatMap((offer) => {
      const client = offer.clientName ? `*${escapeMrkdwn(truncate(offer.clientName, 80))}* (${channelLink(offer.channelId)})` : channelLink(offer.channelId);
      const row = tn(lang, 'thanks.offer.row', offer.resolved, { client, people: offer.people.length > 0 ? listOf(offer.people, lang) : '—' });
      const preview = clientThanksMessage({ resolved: offer.resolved, people: offer.people, teamName: input.teamName, language: offer.language }).text;
      return [
        {
          ...section(row),
          block_id: offerBlockId(offer.channelId),
          accessory: button(ActionId.PassOnThanks, t(lang, 'thanks.offer.button'), thanksOfferValue(offer, input.from), 'primary'),
        },
        context(t(lang, 'thanks.offer.preview', { text: preview })),
      ];
    }),
  ];
}

/** The digest once an offer was answered: that row's button gives way to what was done. */
export function answeredOffer(blocks: readonly unknown[], channelId: string, done: string): unknown[] {
  return blocks.map((block) => {
    const b = block as { block_id?: string; text?: { type: string; text: string }; accessory?: unknown };
    if (b.block_id !== offerBlockId(channelId) || !b.text) return block;
    const { accessory: _gone, ...rest } = b;
    return { ...rest, text: { ...b.text, text: `${b.text.text}\n:white_check_mark: ${done}` } };
  });
}
