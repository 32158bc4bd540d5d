/** What intake made of a message (or a manual trigger). */
export type IntakeResult =
  | { outcome: 'ignored'; reason: string }
  /** `heldLetGo`: its held intake job is let go already (see app/open-request). */
  | { outcome: 'created' | 'joined' | 'duplicate'; requestId: string; heldLetGo?: true }
  /** A message in the thread of a tracked request (an update, a client reply). */
  | { outcome: 'thread_message'; requestId: string };
