/**
 * A BullMQ queue whose jobs store their options without `jobId`. BullMQ keeps a job's options as
 * one JSON value in the job's hash, the custom id included, although the id is the hash's own key
 * already; with the id the value passes Redis's `hash-max-listpack-value` (64 bytes by default)
 * and the whole hash is stored as a hash table, about three times the size. Nothing reads
 * `opts.jobId` back: a job's id comes from its key. Used for the timers, one job per open request.
 */
import { Job, type JobJson, Queue } from 'bullmq';

class LeanJob extends Job {
  override asJSON(): JobJson {
    const json = super.asJSON();
    const { jobId: _id, ...opts } = json.opts as Record<string, unknown>;
    return { ...json, opts } as JobJson;
  }
}

export class LeanQueue extends Queue {
  protected override get Job(): typeof Job {
    return LeanJob as typeof Job;
  }
}
