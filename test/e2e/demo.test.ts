/** `npm run demo` tells the whole story: every moment the issue asks for is in the transcript. */
import { runDemo } from '../../scripts/demo/run-demo';
import { addLocalDays, isoWeekdayOf, localDateKey, localDateOf } from '../../src/domain/local-time';
import { PINNED_INSTANTS } from '../support/pinned-instants';

// One run per distinct week: the story starts on the Monday after the instant.
const weeks = [...new Map(PINNED_INSTANTS.map((p) => [mondayAfter(p.at), p])).values()];

it.each(weeks)('when the demo runs from $name, then its transcript shows one request from acknowledgement to feedback', async ({ at }) => {
  const { transcript } = await runDemo({ redisUrl: process.env.REDIS_URL as string, write: () => undefined, from: at });
  const text = transcript.join('\n').replace(/\n\s+/g, ' ');
  for (const moment of [
    /Mon 09:00 +client · #acme-support +Kuittaus: Thanks, Maria — we've received your request/,
    // The acknowledgement lives: the owner (09:04) and the first estimate (09:07) are told in it, edited in place.
    /Mon 09:04 +client · #acme-support +Kuittaus edits its acknowledgement: Thanks, Maria — we've received your request\. Aino from our team is on it\. You'll get the next update by 10:00 today/,
    /Aino \(consultant\) · DM +Kuittaus: You own a request from Acme/,
    /Mon 09:07 +client · #acme-support +Kuittaus edits its acknowledgement: Thanks, Maria — we've received your request\. Aino from our team is on it; estimated resolution 16:00 today\. You'll get the next update by 13:07 today\. Note: We are checking the export server\./,
    /Update due at 13:07 today/,
    /Kuittaus: Still working on this — nothing new yet\. Next update by/,
    // The passed estimate is owned: the modal insists, and the client reads that we missed it.
    /Aino \(consultant\) +→ \[Post update\]: .+ the modal answers: The estimate has passed: give a new ETA, or tick "No new estimate yet"\./,
    /Kuittaus: Found it: the disk filled up overnight\. Cleaning it up now\. We missed our estimate of 16:00 today\. We don't have a new one yet; we'll give you one by the next update\. Next update by 12:39 tomorrow/,
    /Leena \(team lead\) · DM +Kuittaus: Update overdue/,
    // The missed update: the client hears that we owe them one, and by when.
    /client · #acme-support +Kuittaus: We owe you an update — Aino has been reminded, and you'll hear from us by 09:09 tomorrow\./,
    /Kuittaus: Estimated resolution: 12:00 tomorrow\. Note: The vendor has to replace the disk\./,
    // Waiting on the client: what we need, and, once she answers, that we are back on it.
    /client · #acme-support +Kuittaus: To move on, we need from you: last night's log files of the export job/,
    /client · #acme-support +Kuittaus: Thanks — we're back on it; next update by/,
    /Kuittaus: Resolved: The disk was replaced and the exports run again\. Thanks for the log files, Maria: they took us straight to the cause\. How did we do\?/,
    /feedback recorded: positive\./,
    /Kuittaus: Thanks for your feedback, Maria\. We're glad we could help!/,
    // Feedback the other way: the digest asks Leena to pass the team's thanks on, and Maria reads them.
    /Mon 08:00 +Leena \(team lead\) · DM +Kuittaus: \*Client requests, .+\* 1 new request, 1 resolved .+ \[Pass on our thanks\]/,
    /Leena \(team lead\) · DM +digest updated: \*Acme\* \(#acme-support\): 1 request resolved \(@Aino\) :white_check_mark: @Leena passed on the thanks: they are on their way to #acme-support\./,
    /Mon 08:30 +client · #acme-support +Kuittaus: :pray: Thank you for the past week! We resolved one request together, and we appreciate working with you\. — @Aino/,
  ]) {
    expect(text).toMatch(moment);
  }
  // One message at the start instead of three: no owner or first estimate posted of its own.
  expect(text).not.toMatch(/Kuittaus: Aino from our team is working on this|Kuittaus: Estimated resolution: 16:00 today/);
  expect(text).toMatch(/Counts: 10 messages to the client \(the acknowledgement edited 2 times\)/);
  // Maria and the team are in Helsinki, as the channel is: no message names the zone.
  expect(text).not.toMatch(/Helsinki time|\(Helsin/);
  expect(transcript.every((line) => line.split('\n').every((l) => l.length <= 100))).toBe(true);
});

it('when the demo runs with --lang fi, then the client and the team read Finnish from acknowledgement to feedback', async () => {
  const { transcript } = await runDemo({ redisUrl: process.env.REDIS_URL as string, write: () => undefined, from: PINNED_INSTANTS[0]!.at, lang: 'fi' });
  const text = transcript.join('\n').replace(/\n\s+/g, ' ');
  for (const moment of [
    /Mon 09:00 +client · #acme-support +Kuittaus: Kiitos, Maria – pyyntösi on vastaanotettu ja asia on työn alla\. Kerromme tilanteesta viimeistään tänään klo 10\.00\./,
    /Mon 09:04 +client · #acme-support +Kuittaus edits its acknowledgement: Kiitos, Maria – pyyntösi on vastaanotettu\. Asiaasi hoitaa tiimistämme Aino\. Kerromme tilanteesta viimeistään tänään klo 10\.00/,
    /Aino \(consultant\) · DM +Kuittaus: Olet vastuussa pyynnöstä, jonka lähetti Acme/,
    /Mon 09:07 +client · #acme-support +Kuittaus edits its acknowledgement: Kiitos, Maria – pyyntösi on vastaanotettu\. Asiaasi hoitaa tiimistämme Aino\. Arvioitu ratkaisuaika: tänään klo 16\.00\. Kerromme tilanteesta viimeistään tänään klo 13\.07\. Lisätieto: Tarkistamme vientipalvelinta\./,
    /Tilannepäivitys asiakkaalle Acme .+ viimeistään tänään klo 13\.07/,
    /Kuittaus: Työ jatkuu – ei vielä uutta kerrottavaa\. Seuraava päivitys viimeistään/,
    /Leena \(team lead\) · DM +Kuittaus: Tilannepäivitys on myöhässä: se piti antaa/,
    /client · #acme-support +Kuittaus: Jotta pääsemme eteenpäin, tarvitsemme sinulta: vientiajon viime yön lokitiedostot/,
    /client · #acme-support +Kuittaus: Kiitos! Jatkamme asian parissa ja kerromme tilanteesta viimeistään/,
    /Kuittaus: Asia on ratkaistu: Levy vaihdettiin ja viennit toimivat taas\. Kiitos lokitiedostoista, Maria: niiden avulla löysimme syyn suoraan\. Miten onnistuimme\?/,
    /feedback recorded: positive\./,
    /Mon 08:00 +Leena \(team lead\) · DM +Kuittaus: \*Asiakaspyynnöt .+\[Välitä kiitoksemme\]/,
    /Leena \(team lead\) · DM +digest updated: \*Acme\* \(#acme-support\): 1 ratkaistu pyyntö \(@Aino\) :white_check_mark: @Leena välitti kiitokset: ne ovat matkalla kanavalle #acme-support\./,
    /Mon 08:30 +client · #acme-support +Kuittaus: :pray: Kiitos kuluneesta viikosta! Ratkaisimme yhdessä yhden pyynnön ja yhteistyö kanssanne on ollut ilo\. – @Aino/,
  ]) {
    expect(text).toMatch(moment);
  }
  expect(text).not.toMatch(/Thanks, Maria|Estimated resolution|estimated resolution|Update due at/);
  expect(text).not.toMatch(/Kuittaus: Asiaasi hoitaa|Kuittaus: Arvioitu ratkaisuaika: tänään klo 16\.00/);
  expect(text).not.toMatch(/Suomen aikaa|Helsingin aikaa/);
});

function mondayAfter(at: number): string {
  let date = addLocalDays(localDateOf(at, 'Europe/Helsinki'), 1);
  while (isoWeekdayOf(date) !== 1) date = addLocalDays(date, 1);
  return localDateKey(date);
}
