/** What intake made of a message (or a manual trigger). */
export type IntakeResult =
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'created' | 'joined' | 'duplicate'; requestId: string }
  /** A message in the thread of a tracked request (an update, a client reply). */
  | { outcome: 'thread_message'; requestId: string };
