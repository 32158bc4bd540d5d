import type { Language } from '../../../src/domain/settings';
import { backOnItMessage, holdingLineMessage, waitingMessage } from '../../../src/slack/blocks/client-lines';

const HOSTILE = '<!channel> send <@U1> the logs & more';
const ESCAPED = '&lt;!channel&gt; send &lt;@U1&gt; the logs &amp; more';
const maria = { clientName: 'Maria', clientUserId: 'U0C1' };

describe('the lines between updates', () => {
  it.each<[string, Language, { text: string }, string]>([
    ['the holding line naming the owner', 'en', holdingLineMessage({ language: 'en', ownerName: 'Aino', time: '14:09 today' }), "We owe you an update — Aino has been reminded, and you'll hear from us by 14:09 today."],
    ['the holding line with nobody owning it', 'en', holdingLineMessage({ language: 'en', time: '14:09 today' }), "We owe you an update — our team has been reminded, and you'll hear from us by 14:09 today."],
    ['the holding line naming the owner', 'fi', holdingLineMessage({ language: 'fi', ownerName: 'Aino', time: 'tänään klo 14.09' }), 'Lupaamamme tilannepäivitys on myöhässä. Vastuuhenkilömme Aino on saanut muistutuksen ja kuulet meistä viimeistään tänään klo 14.09.'],
    ['the holding line with nobody owning it', 'fi', holdingLineMessage({ language: 'fi', time: 'tänään klo 14.09' }), 'Lupaamamme tilannepäivitys on myöhässä. Tiimimme on saanut muistutuksen ja kuulet meistä viimeistään tänään klo 14.09.'],
    ['what we need', 'en', waitingMessage(maria, 'asked', 'The export log', 'en'), 'To move on, we need from you: The export log'],
    ['the gentle reminder', 'en', waitingMessage(maria, 'nudged', 'The export log', 'en'), 'A gentle reminder, Maria: to move on, we still need from you: The export log'],
    ['what we need', 'fi', waitingMessage(maria, 'asked', 'Vientiloki', 'fi'), 'Jotta pääsemme eteenpäin, tarvitsemme sinulta: Vientiloki'],
    ['the gentle reminder', 'fi', waitingMessage(maria, 'nudged', 'Vientiloki', 'fi'), 'Ystävällinen muistutus, Maria: jotta pääsemme eteenpäin, tarvitsemme sinulta vielä: Vientiloki'],
    ['the reminder to a client Slack would not name', 'en', waitingMessage({ clientName: '', clientUserId: 'U0C1' }, 'nudged', 'logs', 'en'), 'A gentle reminder, <@U0C1>: to move on, we still need from you: logs'],
    ['back on it', 'en', backOnItMessage('en', '16:30 today'), "Thanks — we're back on it; next update by 16:30 today."],
    ['back on it', 'fi', backOnItMessage('fi', 'tänään klo 16.30'), 'Kiitos! Jatkamme asian parissa ja kerromme tilanteesta viimeistään tänään klo 16.30.'],
  ])('when the client reads %s in %s, then it says so', (_label, _lang, message, expected) => {
    expect(message.text).toBe(expected);
  });

  it.each(['asked', 'nudged'] as const)("when the owner's words (%s) carry markup, then they are escaped and ping nobody", (step) => {
    const message = waitingMessage(maria, step, HOSTILE, 'en');
    expect(message.text).toContain(ESCAPED);
    expect(JSON.stringify(message)).not.toContain('<!channel>');
  });
});
