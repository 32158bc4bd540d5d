/**
 * The English catalogue: the source of the message keys. `{name}` marks a parameter; every
 * language must use the same parameters for a key. Values are Slack mrkdwn-free plain text;
 * callers escape the parameters that come from users.
 */
export const en = {
  'ack.withinHours':
    "Thanks, {name} — we've received your request and we're on it. You'll get the next update by {time}.",
  'ack.outsideHours':
    "Thanks, {name} — we've received your request. Our team is back {backTime}, and you'll get the first update by {time}.",

  'card.title': 'New client request',
  'card.client': 'Client',
  'card.channel': 'Channel',
  'card.priority': 'Priority',
  'card.age': 'Received',
  'card.excerpt': 'Message',
  'card.openMessage': 'Open message',
  'card.nextUpdateDue': 'Next update due',
  'card.owner': 'Owner',
  'card.unowned': 'Nobody yet',
  'card.status': 'Status',
  'card.button.claim': 'Claim',
  'card.button.assign': 'Assign…',
  'card.button.dismiss': 'Not a request',
  'card.dismissedBy': 'Dismissed by {user} — not a request.',

  'state.open': 'Open',
  'state.in_progress': 'In progress',
  'state.waiting_on_client': 'Waiting on client',
  'state.resolved': 'Resolved',
  'state.dismissed': 'Not a request',

  'priority.urgent': 'Urgent',
  'priority.normal': 'Normal',

  comingSoon: 'This is coming soon.',
  'owner.announced': '{owner} from our team is working on this.',
  'claim.done': 'You own this request now. {client} has been told.',
  'claim.alreadyOwned': 'This request is already owned by {owner}.',
  'claim.closed': 'This request is closed and cannot be claimed.',
  'dismiss.done': 'Dismissed — this is no longer tracked as a request.',
  'dismiss.alreadyDismissed': 'This was already dismissed.',
  'dismiss.confirm': "Mark this as not a request? Our acknowledgement in the client's thread will be removed.",
  'dismiss.cancel': 'Cancel',
  'track.done': 'Tracking this as a request.',
  'track.already': 'This message is already tracked as a request.',
  'track.notInManagedChannel':
    'I only track requests in client channels I manage. Use this in a Slack Connect channel, or ask a team lead to enable this channel.',
  'error.requestNotFound': "I couldn't find that request. It may have been removed.",
  'error.generic': 'Something went wrong (error id {errorId}). Please try again.',
  'refusal.notInternal': 'Sorry, this is only available to members of {team}.',
  'shortcut.track': 'Track as request',

  // Pieces of formatted times (see format-time.ts); {zone} is a whole label such as "Helsinki time".
  'time.dueToday': '{time} today ({zone})',
  'time.dueTomorrow': '{time} tomorrow ({zone})',
  'time.dueOnDate': '{date} at {time} ({zone})',
  'time.backToday': 'today at {time}',
  'time.backTomorrow': 'tomorrow at {time}',
  'time.backOnWeekday': 'on {weekday} at {time}',
  'time.backOnDate': 'on {date} at {time}',
  'time.zoneOfCity': '{city} time',
  'time.zoneOfId': '{zone} time',
} satisfies Record<string, string>;
