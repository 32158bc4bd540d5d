/**
 * Payloads shaped like Slack's real ones (Events API envelopes and events, interactions, slash
 * commands), for the signed sender. Each lives in payloads/.
 */
export { nextTs, nextEventId, nextTriggerId, nextViewId, formatTs, tsToMillis } from './slack-ids';
export { VERIFICATION_TOKEN, channelTypeOf, richTextBlocks, type ChannelType } from './payloads/common';
export { eventEnvelope, type Authorization, type EnvelopeOptions, type EventEnvelope } from './payloads/envelope';
export {
  channelJoinEvent,
  messageChangedEvent,
  messageDeletedEvent,
  messageEvent,
  slackFile,
  type MessageEventPayload,
  type MessageInput,
} from './payloads/message-events';
export {
  appHomeOpenedEvent,
  appMentionEvent,
  channelIdChangedEvent,
  reactionAddedEvent,
  reactionRemovedEvent,
  type AppMentionPayload,
  type ReactionPayload,
} from './payloads/events';
export { slashCommand, type SlashCommandInput } from './payloads/commands';
export { blockAction, messageShortcut, viewSubmission, type BlockActionInput, type MessageRef, type ViewSubmissionInput } from './payloads/interactions';
export { viewInput } from './payloads/views';
