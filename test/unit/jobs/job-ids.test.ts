import { intakeJobId, outboxJobId } from '../../../src/jobs/job-schemas';
import { timerJobId } from '../../../src/jobs/timer-job';

const message = (ts: string, channelId = 'C0SHARED') => ({ kind: 'message' as const, teamId: 'T0HOST', message: { channelId, ts, text: '' } });

describe('deterministic job ids', () => {
  it('when built twice from the same work, then they are equal (so BullMQ queues it once)', () => {
    expect(intakeJobId(message('1.000001'))).toBe(intakeJobId(message('1.000001')));
    expect(outboxJobId({ kind: 'client_update', teamId: 'T', requestId: 'R1', seq: 2, update: { type: 'still_on_it', nextUpdateDueAt: 1 } })).toBe('update_T_R1_2');
    expect(timerJobId({ kind: 'on_track', teamId: 'T', requestId: 'R1', dueAt: 5 })).toBe('on_track_T_R1_5');
  });

  it('when feedback, a DM or an unplaced author is told, then the id says who and what: thanks once per request, an alert once per person and rating, one answer per message', () => {
    expect(outboxJobId({ kind: 'feedback_thanks', teamId: 'T', requestId: 'R1', rating: 'negative' })).toBe(outboxJobId({ kind: 'feedback_thanks', teamId: 'T', requestId: 'R1', rating: 'positive' }));
    expect(outboxJobId({ kind: 'feedback_alert', teamId: 'T', requestId: 'R1', userId: 'U1', rating: 'negative' })).toBe('feedback_alert_T_R1_U1_negative');
    expect(outboxJobId({ kind: 'feedback_alert', teamId: 'T', requestId: 'R1', userId: 'U1', rating: 'neutral' })).not.toBe('feedback_alert_T_R1_U1_negative');
    expect(outboxJobId({ kind: 'dm_help', teamId: 'T', channelId: 'D1', ts: '1.2' })).toBe('dm_help_T_D1_1.2');
    expect(outboxJobId({ kind: 'unknown_author', teamId: 'T', channelId: 'C1', ts: '1.2', userId: 'U1', code: 'user_not_visible' })).toBe('unknown_author_T_C1_1.2');
  });

  it('when the team thanks a client, then the id names the channel and the week, not who clicked or what it says', () => {
    const thanks = (by: string, resolved: number) => outboxJobId({ kind: 'pass_thanks', teamId: 'T', channelId: 'C1', week: '2026-11-16', from: 0, resolved, people: ['U1'], by });
    expect(thanks('U0LEAD', 2)).toBe('thanks_T_C1_2026-11-16');
    expect(thanks('U0OTHER', 3)).toBe(thanks('U0LEAD', 2));
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
