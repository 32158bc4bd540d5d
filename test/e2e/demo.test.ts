/** `npm run demo` tells the whole story: every moment the issue asks for is in the transcript. */
import { runDemo } from '../../scripts/demo/run-demo';

it('when the demo runs, then its transcript shows one request from acknowledgement to feedback', async () => {
  const { transcript } = await runDemo({ redisUrl: process.env.REDIS_URL as string, write: () => undefined });
  const text = transcript.join('\n').replace(/\n\s+/g, ' ');
  for (const moment of [
    /Mon 09:00 +client · #acme-support +Kuittaus: Thanks, Maria — we've received your request/,
    /Kuittaus: Aino from our team is working on this\./,
    /Aino \(consultant\) · DM +Kuittaus: You own a request from Acme/,
    /Kuittaus: Estimated resolution: 16:00 today \(Helsinki time\)\./,
    /Update due at 13:07 today/,
    /Kuittaus: Still working on this — nothing new yet\. Next update by/,
    /Kuittaus: Found it: the disk filled up overnight\. Cleaning it up now\. Next update by/,
    /Leena \(team lead\) · DM +Kuittaus: Update overdue/,
    /New estimated resolution: 12:00 tomorrow \(Helsinki time\) \(was .+16:00.+\)\. Reason: The vendor has to replace the disk\./,
    /Kuittaus: Resolved: The disk was replaced and the exports run again\. How did we do\?/,
    /feedback recorded: positive\./,
  ]) {
    expect(text).toMatch(moment);
  }
  expect(transcript.every((line) => line.split('\n').every((l) => l.length <= 100))).toBe(true);
});
