/** The emulated workspace's state: users, channels, messages with reactions, views. */
import { nextTs } from '../slack-ids';
import { BOT_USER, type EmulatedChannel, type EmulatedUser, botUser } from './fixtures';
import { SlackError, type StoredFile, type StoredMessage, type StoredView } from './types';

export class Workspace {
  readonly users = new Map<string, EmulatedUser>();
  readonly channels = new Map<string, EmulatedChannel>();
  readonly messages: StoredMessage[] = [];
  readonly views: StoredView[] = [];
  readonly files = new Map<string, StoredFile>();
  /** Users whose users.info answers `user_not_visible` (people of an organisation Slack will not describe to us). */
  readonly hiddenUsers = new Set<string>();

  constructor(readonly teamId: string) {
    this.users.set(BOT_USER, botUser(teamId));
  }

  clearMessages(): void {
    this.messages.length = 0;
    this.views.length = 0;
    this.files.clear();
  }

  clearUsers(): void {
    this.users.clear();
    this.hiddenUsers.clear();
    this.users.set(BOT_USER, botUser(this.teamId));
  }

  /**
   * A channel the bot may use: a known channel, or a DM/user id (D…, U…, W…) that chat.postMessage
   * opens implicitly. Unknown C…/G… ids are `channel_not_found`; archived ones `is_archived`.
   */
  conversation(id: string, { needMember = false } = {}): string {
    const channel = this.channels.get(id);
    if (channel) {
      if (channel.is_archived) throw new SlackError('is_archived');
      if (needMember && channel.is_member === false) throw new SlackError('not_in_channel');
      return id;
    }
    if (/^[DUW]/.test(id)) return id;
    throw new SlackError('channel_not_found');
  }

  find(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  message(channel: string, ts: string): StoredMessage {
    const m = this.find(channel, ts);
    if (!m) throw new SlackError('message_not_found');
    return m;
  }

  /** A fresh ts that no stored message uses (tests may mint their own ts values). */
  freshTs(): string {
    let ts = nextTs();
    while (this.messages.some((m) => m.ts === ts)) ts = nextTs();
    return ts;
  }

  add(message: StoredMessage): StoredMessage {
    if (this.find(message.channel, message.ts)) throw new Error(`${message.channel} already has a message with ts ${message.ts}`);
    this.messages.push(message);
    return message;
  }

  remove(message: StoredMessage): void {
    const i = this.messages.indexOf(message);
    if (i >= 0) this.messages.splice(i, 1);
  }

  /** Replies of a thread (not the parent), oldest first. */
  replies(channel: string, threadTs: string): StoredMessage[] {
    return this.messages
      .filter((m) => m.channel === channel && m.thread_ts === threadTs && m.ts !== threadTs)
      .sort((a, b) => Number(a.ts) - Number(b.ts));
  }
}
