/**
 * Reading a client's text: is it only a pleasantry, and does it signal urgency? English and
 * Finnish, small word lists, tested row by row. When unsure, a message is a request.
 */
import type { Priority } from './request';

/** A pleasantry is a few words at most; anything longer is read as a request. */
const MAX_PLEASANTRY_WORDS = 10;

/** Whole phrases a pleasantry may consist of (lower case, words separated by single spaces). */
const PLEASANTRY_PHRASES = phraseList([
  // English thanks and acknowledgements
  'thanks', 'thank you', 'thank u', 'thx', 'thnx', 'tnx', 'ty', 'tyvm', 'many thanks', 'cheers',
  'much appreciated', 'appreciated', 'appreciate it', 'thanks for the help', 'thanks for your help',
  'thanks for the update', 'thanks for the info', 'thanks for letting us know', 'thanks in advance',
  'ok', 'okay', 'okey', 'oki', 'k', 'kk', 'alright', 'all right', 'sure', 'got it', 'noted',
  'understood', 'roger', 'roger that', 'perfect', 'great', 'awesome', 'excellent', 'nice', 'cool',
  'brilliant', 'wonderful', 'fantastic', 'lovely', 'super', 'good', 'fine', 'yes', 'yep',
  'sounds good', 'looks good', 'that works', 'works for me', 'will do', 'no problem', 'np',
  'no worries', 'great job', 'good job', 'nice work', 'great work', 'well done', 'you too',
  'same to you', 'likewise', 'thumbsup',
  // English greetings
  'hi', 'hello', 'hey', 'morning', 'good morning', 'good afternoon', 'good evening', 'good night',
  'have a nice weekend', 'have a good weekend', 'have a great weekend', 'have a nice day',
  'have a good day', 'have a great day', 'nice weekend', 'happy friday', 'happy holidays',
  'merry christmas', 'happy new year', 'bye', 'see you', 'take care', 'talk soon', 'welcome',
  'congrats', 'congratulations',
  // Finnish (and the Swedish thanks common in Finland)
  'kiitos', 'kiitti', 'kiitoksia', 'kiitokset', 'kiitos avusta', 'kiitos tiedosta', 'kiitos tästä',
  'kiitos päivityksestä', 'kiitos nopeasta vastauksesta', 'jo etukäteen', 'tack', 'tack så mycket',
  'ok', 'okei', 'selvä', 'selvä homma', 'selvä juttu', 'asia selvä', 'hyvä', 'hyvä juttu', 'hienoa',
  'hieno homma', 'loistavaa', 'mahtavaa', 'täydellistä', 'erinomaista', 'kiva', 'kivaa', 'jees',
  'joo', 'juu', 'kyllä', 'ymmärretty', 'sopii', 'sopii hyvin', 'kuulostaa hyvältä',
  'hyvältä kuulostaa', 'hyvältä näyttää', 'näyttää hyvältä', 'samoin', 'kiitos samoin',
  'moi', 'moikka', 'moro', 'hei', 'heippa', 'terve', 'huomenta', 'hyvää huomenta', 'päivää',
  'hyvää päivää', 'hyvää iltaa', 'hyvää viikonloppua', 'mukavaa viikonloppua',
  'hyvää päivänjatkoa', 'mukavaa päivänjatkoa', 'hyvää jatkoa', 'hyvää joulua',
  'hyvää uutta vuotta', 'hyvää lomaa', 'nähdään', 'kuulemiin', 'tervetuloa', 'onnittelut',
]);

/** Words that may surround pleasantries but never make one on their own. */
const FILLER_WORDS = new Set([
  'so', 'very', 'much', 'a', 'lot', 'again', 'really', 'all', 'everyone', 'everybody', 'guys',
  'folks', 'team', 'and', 'then', 'too', 'you', 'oh',
  'paljon', 'tosi', 'todella', 'kovasti', 'oikein', 'erittäin', 'vielä', 'kerran', 'taas', 'ja',
  'kaikille', 'teille', 'sinulle', 'sulle', 'vaan', 'no', 'nyt',
]);

/** First words of pleasantries after which (or before which) a greeted name may stand. */
const NAME_COMPANIONS = new Set([
  'thanks', 'thank', 'thx', 'cheers', 'hi', 'hello', 'hey', 'morning', 'bye',
  'kiitos', 'kiitti', 'kiitoksia', 'moi', 'moikka', 'hei', 'heippa', 'terve', 'huomenta', 'tack',
  'you', 'paljon', // "thank you Aino", "kiitos paljon Aino"
]);

/** Anything here makes a message a request, whatever else it says. */
const REQUEST_SIGNALS = phraseList([
  'can you', 'could you', 'would you', 'will you', 'can we', 'please', 'pls', 'plz', 'need', 'but',
  'still', 'error', 'fails', 'failed', 'failing', 'broken', 'issue', 'bug', 'not working', 'urgent', 'asap',
  'voisitko', 'voisitteko', 'voitko', 'voitteko', 'voisiko', 'saisiko', 'tarvitsen', 'tarvitaan',
  'tarvitsemme', 'pitäisi', 'mutta', 'virhe', 'ongelma', 'bugi', 'rikki', 'ei toimi', 'kiire',
]);

/** Emoji that raise an alarm rather than say thanks, so an emoji-only message of them is a request. */
const ALARM_EMOJI = new RegExp(
  ['🚨', '🔥', '🆘', '⚠', '❗', '❓', '❔', '❌', '‼', '⁉'].join('|') +
    '|:(rotating_light|fire|sos|warning|exclamation|heavy_exclamation_mark|bangbang|interrobang|question|grey_question|x|boom):',
  'u',
);
const SLACK_EMOJI = /:[a-z0-9_+'-]+:/g; // :+1:, :thumbsup::skin-tone-2:
const UNICODE_EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0f|\u20e3/gu;

/**
 * True only when the whole message is a pleasantry or an acknowledgement ("thanks!", "kiitos
 * paljon", "👍", "ok", "hyvää viikonloppua"). Every word must belong to a known pleasantry, be a
 * filler ("so much", "kaikille") or be one capitalised name next to a thanks or greeting ("Kiitos
 * Aino!"); user mentions are ignored. Questions, links, channel-wide mentions, alarm emoji,
 * request signals and anything longer than a few words are requests.
 */
export function isPleasantry(text: string): boolean {
  if (/\?|？/.test(text) || ALARM_EMOJI.test(text)) return false;
  if (/<(?!@)[^>]*>/.test(text)) return false; // links, <!here>, <#channel>, user groups
  if (/https?:\/\/|www\./i.test(text)) return false;

  const withoutMentions = text.replace(/<@[^>]*>/g, ' ');
  const withoutEmoji = withoutMentions
    .replace(/(^|\s)\+1(?=\s|$)/g, ' thumbsup ')
    .replace(SLACK_EMOJI, ' ')
    .replace(UNICODE_EMOJI, ' ');
  const words = wordsOf(withoutEmoji);
  if (words.length === 0) return withoutEmoji !== withoutMentions; // emoji only (and mentions)
  if (words.length > MAX_PLEASANTRY_WORDS) return false;
  const lower = words.map((w) => w.toLowerCase());
  if (containsPhrase(lower, REQUEST_SIGNALS)) return false;
  return coveredByPleasantries(words, lower);
}

function coveredByPleasantries(original: string[], lower: string[]): boolean {
  let sawPleasantry = false;
  let sawName = false;
  for (let i = 0; i < lower.length; ) {
    const phrase = longestPhraseAt(lower, i, PLEASANTRY_PHRASES);
    if (phrase > 0) {
      sawPleasantry = true;
      i += phrase;
    } else if (FILLER_WORDS.has(lower[i] ?? '')) {
      i += 1;
    } else if (!sawName && isGreetedName(original, lower, i)) {
      sawName = true;
      i += 1;
    } else {
      return false;
    }
  }
  return sawPleasantry;
}

/** "Thanks Aino", "Kiitos Aino", "Aino, kiitos": a capitalised word next to a thanks or greeting. */
function isGreetedName(original: string[], lower: string[], i: number): boolean {
  const word = original[i] ?? '';
  if (!/^\p{Lu}\p{Ll}+$/u.test(word)) return false;
  const before = lower[i - 1];
  const after = lower[i + 1];
  return (before !== undefined && NAME_COMPANIONS.has(before)) || (i === 0 && after !== undefined && NAME_COMPANIONS.has(after));
}

/**
 * Urgent when the text says so: urgent, asap, emergency, critical, outage, "is down", production,
 * "not working"; kiire…, kiireellinen, hätä…, kriittinen, katko…, tuotanto…, "ei toimi", heti,
 * välittömästi. Finnish words match by stem at the start of a word so that inflections count
 * (kiireellisesti, tuotannossa, käyttökatkon). Choices, each tested:
 * - "down" counts only after a verb such as is/are/went/been or a system noun ("the site is
 *   down", "server down"), never in "download", "dropdown", "write down" or "will be down for
 *   maintenance".
 * - "production"/"prod" and tuotanto… count wherever they appear, compounds included
 *   (tuotantoympäristö, and also tuotantosuunnitelma), as the design lists them as signals.
 * - A signal right after a negation is not one: "not urgent", "no emergency", "ei kiirettä",
 *   "ei ole kovin kiireellinen"; "ei toimi" itself is a signal.
 * - "kiireetön"/"kiireettömästi" (not urgent) and "kiireinen" (busy) are not signals; nor are
 *   "katkoviiva" (dashed line), "toimitus" (delivery) or "heti kun" (as soon as you can).
 */
export function detectPriority(text: string): Priority {
  const words = wordsOf(text.toLowerCase());
  for (let i = 0; i < words.length; i++) {
    if (isUrgentPhraseAt(words, i)) return 'urgent';
    if (isUrgentWord(words, i) && !isNegated(words, i)) return 'urgent';
  }
  return 'normal';
}

const URGENT_WORD = new RegExp(
  [
    '^urgen(t|tly|cy)$', '^asap$', '^emergenc(y|ies)$', '^critical(ly)?$', '^outages?$', '^immediately$',
    '^production$', '^prod(?![ud])', // prod, prodissa, prodiin; not product or prodding
    '^kiire(?!et|i)', '^hätä(?!i)', '^kriitti(nen|s)', '^akuut', '^välittömästi$',
    '^pikaisesti$', '^tuotan(to|no)', '^katko(?!vi)', '^(käyttö|palvelu|verkko|sähkö|yhteys)katko',
    '^alhaalla$', '^nurin$',
  ].join('|'),
  'u',
);

/** "down" is a signal after these: "the site is down", "server down", "everything's down". */
const DOWN_AFTER = new Set([
  'is', 'are', 'was', 'were', 'went', 'goes', 'go', 'gone', 'been', 'seems', 'seem', 'appears',
  'still', 'completely', 'totally', 'entirely', 'server', 'servers', 'site', 'website', 'system',
  'service', 'services', 'app', 'api', 'database', 'db', 'network', 'vpn', 'email', 'portal', 'everything',
]);

function isUrgentWord(words: string[], i: number): boolean {
  const word = words[i] ?? '';
  if (word === 'down') {
    const before = words[i - 1] ?? '';
    return DOWN_AFTER.has(before) || /'s$/.test(before);
  }
  if (word === 'heti') return words[i + 1] !== 'kun';
  return URGENT_WORD.test(word);
}

const NOT_WORKING = phraseList([
  'not working', 'stopped working', "doesn't work", 'does not work', "don't work", 'do not work',
  "isn't working", "aren't working", "won't work",
]);
/** Negations in "ei toimi" (doesn't work), with room for one adverb: "ei enää toimi". */
const FINNISH_NOT = new Set(['ei', 'eivät', 'eikä']);
const FINNISH_NOT_ADVERBS = new Set(['enää', 'vieläkään', 'ollenkaan', 'yhtään', 'lainkaan', 'kunnolla', 'nyt', 'taaskaan']);
const WORKS_IN_FINNISH = /^toimi(?!t|nto|sto)/u; // toimi, toiminut, toimineet; not toimitus, toiminto, toimisto

function isUrgentPhraseAt(words: string[], i: number): boolean {
  if (longestPhraseAt(words, i, NOT_WORKING) > 0) return true;
  if (!FINNISH_NOT.has(words[i] ?? '')) return false;
  const next = words[i + 1] ?? '';
  const afterAdverb = FINNISH_NOT_ADVERBS.has(next) ? (words[i + 2] ?? '') : next;
  return WORKS_IN_FINNISH.test(afterAdverb);
}

const NEGATIONS = new Set([
  'not', 'no', 'non', "isn't", "aren't", "wasn't", 'never', 'nothing',
  'ei', 'eikä', 'eivät', 'en', 'emme', 'et', 'ette',
]);
/** Words that may stand between a negation and the signal: "not very urgent", "ei ole kiire". */
const SOFTENERS = new Set([
  'a', 'an', 'the', 'very', 'that', 'so', 'too', 'really', 'particularly', 'at', 'all', 'in', 'on', 'yet',
  'ole', 'olla', 'kovin', 'niin', 'mikään', 'mitään', 'yhtään', 'erityisen', 'tosi', 'hirveä', 'hirveästi', 'mitenkään',
]);

function isNegated(words: string[], i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    const word = words[j] ?? '';
    if (NEGATIONS.has(word)) return true;
    if (!SOFTENERS.has(word)) return false;
  }
  return false;
}

/** Words of a text: letters and digits, apostrophes inside words kept ("doesn't"). */
function wordsOf(text: string): string[] {
  return text
    .replace(/[’`]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w !== '');
}

type PhraseList = string[][];

function phraseList(phrases: string[]): PhraseList {
  return phrases.map((p) => p.split(' ')).sort((a, b) => b.length - a.length);
}

/** Length in words of the longest phrase starting at `i`, 0 when none does. */
function longestPhraseAt(words: string[], i: number, phrases: PhraseList): number {
  const match = phrases.find((phrase) => phrase.every((word, k) => words[i + k] === word));
  return match ? match.length : 0;
}

function containsPhrase(words: string[], phrases: PhraseList): boolean {
  return words.some((_, i) => longestPhraseAt(words, i, phrases) > 0);
}
