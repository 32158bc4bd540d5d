/**
 * The weekly digest job: the report, as a DM to each team lead (once per lead and week), with the
 * offer to pass the team's thanks on to the clients of the channels they lead.
 */
import type { Deps } from '../../app/deps';
import { MAX_THANKS_OFFERS, digestWeek } from '../../domain/thanks';
import { thanksOffersOfWeek } from '../../app/pass-on-thanks';
import { reportUntil } from '../../app/status/report';
import { reportMessage } from '../blocks/report';
import { thanksOfferBlocks } from '../blocks/thanks';

export async function sendDigest(deps: Deps, teamId: string): Promise<void> {
  const report = await reportUntil(deps, teamId, deps.clock.now());
  const message = reportMessage(report, deps.language, deps.settingsTimezone);
  const offers = await thanksOffersOfWeek(deps, teamId, report.from, report.to);
  const week = digestWeek(report.from, deps.settingsTimezone);
  // TEAM_LEADS, and the team leads a client channel names for itself (they are asked about it).
  const leads = [...new Set([...deps.teamLeads, ...offers.flatMap((offer) => offer.leads)])];
  for (const lead of leads) {
    // Each lead's own channels, most resolved first, as many as a message holds.
    const theirs = offers.filter((offer) => offer.leads.includes(lead)).slice(0, MAX_THANKS_OFFERS);
    const thanks = thanksOfferBlocks(theirs, { from: report.from, teamName: deps.host.teamName, language: deps.language });
    await deps.poster.postOnce({ deliveryKey: `digest_${teamId}_${lead}_${week}`, channel: lead, text: message.text, blocks: [...message.blocks, ...thanks] });
  }
  deps.log.info({ leads: leads.length, requests: report.metrics.requests, thanksOffered: offers.length }, 'weekly digest sent');
}
