export { SlackEmulator, startSlackEmulator, type EmulatorOptions, type ResetOptions, type SeedMessage } from './server';
export {
  APP_ID,
  BOT_ID,
  BOT_USER,
  CLIENT_TEAM,
  DEFAULT_BOT_TOKEN,
  HOST_DOMAIN,
  HOST_TEAM,
  HOST_TEAM_NAME,
  botUser,
  clientUser,
  dmChannelId,
  guestUser,
  internalUser,
} from './fixtures';
export type { EmulatedChannel, EmulatedUser } from './fixtures';
export type { CallPredicate } from './recorder';
export type { Args, Fault, Reaction, RecordedCall, SlackResponse, StoredFile, StoredMessage, StoredView } from './types';
export { DEFAULT_APP_TOKEN, SocketModeServer, type SocketModeOptions } from './socket/socket-mode-server';
export type { Delivery, DeliveryState, SentEnvelope, SocketAck } from './socket/delivery';
export type { DisconnectReason, Envelope, EnvelopeType } from './socket/messages';
