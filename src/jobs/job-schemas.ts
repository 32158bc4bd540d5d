/** Job payloads, validated with zod when a worker picks them up (Redis is outside our types). */
import { z } from 'zod';

const messageFacts = z.object({
  channelId: z.string().min(1),
  ts: z.string().min(1),
  threadTs: z.string().optional(),
  subtype: z.string().optional(),
  botId: z.string().optional(),
  userId: z.string().optional(),
  authorTeamId: z.string().optional(),
  text: z.string(),
});

export const intakeJobSchema = z.discriminatedUnion('kind', [
  /** A message event: decide whether it is a new client request. */
  z.object({ kind: z.literal('message'), teamId: z.string().min(1), message: messageFacts }),
  /** A manual trigger: track this message whatever the automatic rules say. */
  z.object({
    kind: z.literal('track'),
    teamId: z.string().min(1),
    trigger: z.enum(['reaction', 'mention', 'shortcut']),
    actorId: z.string().min(1),
    channelId: z.string().min(1),
    ts: z.string().min(1),
    /** The message itself when the payload carried it; otherwise it is fetched. */
    message: messageFacts.optional(),
  }),
]);
export type IntakeJob = z.infer<typeof intakeJobSchema>;

export const outboxJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ack'), teamId: z.string(), requestId: z.string() }),
  z.object({ kind: z.literal('card'), teamId: z.string(), requestId: z.string(), revision: z.number().int() }),
  z.object({ kind: z.literal('retract'), teamId: z.string(), requestId: z.string() }),
  /** Tell the client who is working on their request. */
  z.object({ kind: z.literal('announce_owner'), teamId: z.string(), requestId: z.string(), ownerId: z.string() }),
]);
export type OutboxJob = z.infer<typeof outboxJobSchema>;

/** BullMQ job ids: deterministic, so that the same work is never queued twice (no ':' allowed). */
export function intakeJobId(job: IntakeJob): string {
  return job.kind === 'message'
    ? `msg_${job.teamId}_${job.message.channelId}_${job.message.ts}`
    : `track_${job.teamId}_${job.channelId}_${job.ts}_${job.trigger}_${job.actorId}`;
}

export function outboxJobId(job: OutboxJob): string {
  switch (job.kind) {
    case 'card':
      return `card_${job.teamId}_${job.requestId}_${job.revision}`;
    case 'announce_owner':
      return `announce_owner_${job.teamId}_${job.requestId}_${job.ownerId}`;
    default:
      return `${job.kind}_${job.teamId}_${job.requestId}`;
  }
}
