/**
 * The team thanks a client: the weekly digest offers each team lead the client channels with
 * requests resolved in the week (see ../domain/thanks), and one click passes the consultants'
 * thanks on, posted in the client's channel once per channel and week, whoever clicks and however
 * often. The click records the intent (an outbox job whose id names the channel and the week)
 * before Slack is answered; the delivery records who passed the thanks on once it is posted.
 */
import type { Language } from '../domain/settings';
import { type ThanksOffer, digestWeek, thanksOffers } from '../domain/thanks';
import type { Deps } from './deps';
import { assertTeamLead } from './settings/channel-settings';

/** An offer as a digest shows it: with the channel's client name, language and team leads. */
export interface ThanksOfferFor extends ThanksOffer {
  clientName?: string;
  /** The client channel's language: the thank-you is posted in it. */
  language: Language;
  /** Who may pass the thanks on: TEAM_LEADS and the channel's own team leads. */
  leads: string[];
}

/** The channels to thank for the week [from, to), with their settings. */
export async function thanksOffersOfWeek(deps: Pick<Deps, 'history' | 'settings' | 'teamLeads'>, teamId: string, from: number, to: number): Promise<ThanksOfferFor[]> {
  const offers = thanksOffers(await deps.history.between(teamId, from, to), from, to);
  return Promise.all(
    offers.map(async (offer) => {
      const settings = await deps.settings.forChannel(teamId, offer.channelId);
      const leads = [...new Set([...deps.teamLeads, ...settings.teamLeadIds])];
      return { ...offer, language: settings.language, leads, ...(settings.clientName ? { clientName: settings.clientName } : {}) };
    }),
  );
}

export type PassOnOutcome =
  /** The thank-you is on its way. */
  | { outcome: 'passing_on' }
  /** Someone passed them on already (`by`). */
  | { outcome: 'already'; by: string };

/**
 * A team lead's click on [Pass on our thanks]: the offer as the digest showed it (the words they
 * approved) for the week that began at `from`.
 */
export async function passOnThanks(deps: Deps, teamId: string, click: { offer: ThanksOffer; from: number; userId: string }): Promise<PassOnOutcome> {
  const { offer, userId } = click;
  await assertTeamLead(deps, teamId, offer.channelId, userId);
  const week = digestWeek(click.from);
  const by = await deps.thanks.by(teamId, offer.channelId, week);
  if (by) return { outcome: 'already', by };
  await deps.outbox.add({ kind: 'pass_thanks', teamId, channelId: offer.channelId, week, resolved: offer.resolved, people: offer.people, by: userId });
  return { outcome: 'passing_on' };
}
