import { intakeJobId, outboxJobId, timerJobId } from '../../../src/jobs/job-schemas';

const message = (ts: string, channelId = 'C0SHARED') => ({ kind: 'message' as const, teamId: 'T0HOST', message: { channelId, ts, text: '' } });

describe('deterministic job ids', () => {
  it('when built twice from the same work, then they are equal (so BullMQ queues it once)', () => {
    expect(intakeJobId(message('1.000001'))).toBe(intakeJobId(message('1.000001')));
    expect(outboxJobId({ kind: 'client_update', teamId: 'T', requestId: 'R1', seq: 2, update: { type: 'still_on_it', nextUpdateDueAt: 1 } })).toBe('update_T_R1_2');
    expect(timerJobId({ kind: 'on_track', teamId: 'T', requestId: 'R1', dueAt: 5 })).toBe('on_track_T_R1_5');
  });

  it.each([
    ['1:2', 'C0'],
    ['1%3A2', 'C0'],
    ['1.5', 'C:0'],
  ])('when payload values hold ":" (%s in %s), then the id has none and stays distinct', (ts, channel) => {
    const id = intakeJobId(message(ts, channel));
    expect(id).not.toContain(':');
    expect(new Set([intakeJobId(message('1:2', 'C0')), intakeJobId(message('1%3A2', 'C0')), intakeJobId(message('1.5', 'C:0'))]).size).toBe(3);
  });
});
