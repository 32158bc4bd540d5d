/**
 * The team thanks a client: the weekly digest offers each team lead the client channels with
 * requests resolved in the week (see ../domain/thanks), and one click passes the consultants'
 * thanks on, posted in the client's channel once per channel and week, whoever clicks and however
 * often. The click records who passed them on and queues the post (an outbox job whose id names
 * the channel and the week) before Slack gets its answer; the delivery records that it was posted.
 */
import type { Language } from '../domain/settings';
import { type ThanksOffer, digestWeek, thanksOffers, thanksTooLate } from '../domain/thanks';
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

/** The channels to thank for the week [from, to), with their settings; not those Kuittaus cannot post in now. */
export async function thanksOffersOfWeek(
  deps: Pick<Deps, 'history' | 'settings' | 'teamLeads' | 'channels'>,
  teamId: string,
  from: number,
  to: number,
): Promise<ThanksOfferFor[]> {
  const offers = thanksOffers(await deps.history.between(teamId, from, to), from, to, Number.POSITIVE_INFINITY);
  const withSettings = await Promise.all(
    offers.map(async (offer) => {
      if (await deps.channels.lostReason(teamId, offer.channelId)) return undefined;
      const settings = await deps.settings.forChannel(teamId, offer.channelId);
      const leads = [...new Set([...deps.teamLeads, ...settings.teamLeadIds])];
      return { ...offer, language: settings.language, leads, ...(settings.clientName ? { clientName: settings.clientName } : {}) };
    }),
  );
  return withSettings.filter((offer) => offer !== undefined);
}

export type PassOnOutcome =
  /** The thank-you is on its way (or was posted): `by` passed it on (the first click counts). */
  | { outcome: 'passing_on' | 'already'; by: string }
  /** Kuittaus cannot post in the channel now (Slack's word for why). */
  | { outcome: 'channel_lost'; reason: string }
  /** The digest is more than a week old: thanks for that week would come too late. */
  | { outcome: 'too_late' };

/**
 * A team lead's click on [Pass on our thanks]: the offer as the digest showed it (the words they
 * approved) for the week that began at `from`. A click again queues it again when it failed (a
 * queued or running one is left alone).
 */
export async function passOnThanks(deps: Deps, teamId: string, click: { offer: ThanksOffer; from: number; userId: string }): Promise<PassOnOutcome> {
  const { offer, userId } = click;
  const { channelId } = offer;
  await assertTeamLead(deps, teamId, channelId, userId);
  if (thanksTooLate(click.from, deps.clock.now())) return { outcome: 'too_late' };
  const lost = await deps.channels.lostReason(teamId, channelId);
  if (lost) return { outcome: 'channel_lost', reason: lost };
  const week = digestWeek(click.from, deps.settingsTimezone);
  const { by, posted } = await deps.thanks.claim(teamId, channelId, week, userId);
  if (posted) return { outcome: 'already', by };
  await deps.outbox.replay({ kind: 'pass_thanks', teamId, channelId, week, from: click.from, resolved: offer.resolved, people: offer.people, by });
  return { outcome: 'passing_on', by };
}
