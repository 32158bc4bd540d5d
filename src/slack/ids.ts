/**
 * Every Slack action_id, callback_id and block_id the app uses, declared once. Builders and
 * listeners import these; manifest.yml repeats the shortcut callback id (a test keeps them equal).
 */
export const ActionId = {
  Claim: 'request_claim',
  Assign: 'request_assign',
  Dismiss: 'request_dismiss',
} as const;

export const CallbackId = {
  TrackAsRequest: 'track_as_request',
} as const;

export const BlockId = {
  CardActions: 'request_card_actions',
} as const;

export const Command = {
  Status: '/status',
} as const;

/** Key used in chat.postMessage metadata so that our own messages can be recognised again. */
export const MetadataEventType = 'kuittaus_message';
