export { SlackEmulator, startSlackEmulator, type EmulatorOptions } from './server';
export { clientUser, guestUser, internalUser, BOT_ID, BOT_USER, HOST_TEAM, APP_ID, CLIENT_TEAM } from './fixtures';
export type { EmulatedChannel, EmulatedUser } from './fixtures';
export type { Fault, RecordedCall, StoredMessage } from './state';
