/** The Finnish catalogue. Typed against the English keys: a missing or extra key does not compile. */
import type { MessageKey } from './catalog';

export const fi: Record<MessageKey, string> = {
  'ack.withinHours':
    'Kiitos, {name} — olemme vastaanottaneet pyyntösi ja hoidamme asiaa. Saat seuraavan päivityksen viimeistään {time}.',
  'ack.outsideHours':
    'Kiitos, {name} — olemme vastaanottaneet pyyntösi. Tiimimme on taas paikalla {backTime}, ja saat ensimmäisen päivityksen viimeistään {time}.',

  'card.title': 'Uusi asiakaspyyntö',
  'card.client': 'Asiakas',
  'card.channel': 'Kanava',
  'card.priority': 'Prioriteetti',
  'card.age': 'Saapunut',
  'card.excerpt': 'Viesti',
  'card.openMessage': 'Avaa viesti',
  'card.nextUpdateDue': 'Seuraava päivitys viimeistään',
  'card.owner': 'Vastuuhenkilö',
  'card.unowned': 'Ei vielä ketään',
  'card.status': 'Tila',
  'card.button.claim': 'Ota itselle',
  'card.button.assign': 'Määritä…',
  'card.button.dismiss': 'Ei pyyntö',
  'card.dismissedBy': '{user} merkitsi tämän muuksi kuin pyynnöksi.',

  'state.open': 'Avoin',
  'state.in_progress': 'Työn alla',
  'state.waiting_on_client': 'Odottaa asiakasta',
  'state.resolved': 'Ratkaistu',
  'state.dismissed': 'Ei pyyntö',

  'priority.urgent': 'Kiireellinen',
  'priority.normal': 'Normaali',

  comingSoon: 'Tämä on tulossa pian.',
  'owner.announced': '{owner} tiimistämme hoitaa tätä.',
  'claim.done': 'Pyyntö on nyt sinun. {client} on saanut tiedon.',
  'claim.alreadyOwned': 'Tämän pyynnön omistaa jo {owner}.',
  'claim.closed': 'Tämä pyyntö on suljettu, eikä sitä voi ottaa hoitaakseen.',
  'dismiss.done': 'Ohitettu — tätä ei enää seurata pyyntönä.',
  'dismiss.alreadyDismissed': 'Tämä on jo ohitettu.',
  'dismiss.confirm': 'Merkitäänkö tämä muuksi kuin pyynnöksi? Kuittauksemme poistetaan asiakkaan ketjusta.',
  'dismiss.cancel': 'Peruuta',
  'track.done': 'Tätä seurataan nyt pyyntönä.',
  'track.already': 'Tätä viestiä seurataan jo pyyntönä.',
  'track.notInManagedChannel':
    'Seuraan pyyntöjä vain hallinnoimillani asiakaskanavilla. Käytä tätä Slack Connect -kanavalla tai pyydä tiiminvetäjää ottamaan tämä kanava käyttöön.',
  'error.requestNotFound': 'Pyyntöä ei löytynyt. Se on ehkä poistettu.',
  'error.generic': 'Jokin meni vikaan (virhetunnus {errorId}). Yritä uudelleen.',
  'refusal.notInternal': 'Valitettavasti tämä on vain työtilan {team} jäsenten käytettävissä.',
  'shortcut.track': 'Seuraa pyyntönä',

  'time.dueToday': 'tänään klo {time} ({zone})',
  'time.dueTomorrow': 'huomenna klo {time} ({zone})',
  'time.dueOnDate': '{date} klo {time} ({zone})',
  'time.backToday': 'tänään klo {time}',
  'time.backTomorrow': 'huomenna klo {time}',
  'time.backOnWeekday': '{weekday} klo {time}',
  'time.backOnDate': '{date} klo {time}',
  'time.zoneOfCity': '{city} aikaa',
  'time.zoneOfId': 'aikavyöhyke {zone}',
};
