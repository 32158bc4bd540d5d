import { decideSettings, formOf, type SettingsForm } from '../../../src/domain/settings-form';
import type { ChannelSettings } from '../../../src/domain/settings';

const valid: SettingsForm = {
  clientName: '  Acme Oy ',
  language: 'fi',
  timezone: 'Europe/Helsinki',
  opens: '08:30',
  closes: '17:00',
  workingDays: ['1', '2', '3', '4', '5'],
  holidays: '2026-12-24, 2026-12-25',
  cadenceUrgent: '60',
  cadenceNormal: '240',
  firstUpdate: '30',
  grace: '0',
  triageChannelId: 'C0TRIAGE',
  defaultOwnerIds: ['U0AINO'],
  teamLeadIds: ['U0LEAD'],
  onCallIds: ['U0ONCALL'],
  toggles: ['autoAcknowledge', 'managed'],
};

describe('decideSettings', () => {
  it('when every answer is good, then they become the channel overrides', () => {
    expect(decideSettings(valid)).toEqual({
      ok: true,
      overrides: {
        clientName: 'Acme Oy',
        language: 'fi',
        businessHours: { timezone: 'Europe/Helsinki', startMinute: 510, endMinute: 1020, workingDays: [1, 2, 3, 4, 5], holidays: ['2026-12-24', '2026-12-25'] },
        cadenceMinutes: { urgent: 60, normal: 240 },
        firstUpdateMinutes: 30,
        graceMinutes: 0,
        triageChannelId: 'C0TRIAGE',
        defaultOwnerIds: ['U0AINO'],
        teamLeadIds: ['U0LEAD'],
        onCallIds: ['U0ONCALL'],
        urgentAroundTheClock: false,
        autoAcknowledge: true,
        pleasantryFilter: false,
        managed: true,
        holdingLine: false,
      },
    });
  });

  it("when the holding line is ticked and nudge days are given, then they are the channel's own; left empty, the team's nudge days stay", () => {
    const decided = decideSettings({ ...valid, toggles: ['holdingLine'], clientNudgeDays: '5' });
    expect(decided.ok && [decided.overrides.holdingLine, decided.overrides.clientNudgeDays]).toEqual([true, 5]);
    const zero = decideSettings({ ...valid, clientNudgeDays: '0' });
    expect(zero.ok && zero.overrides.clientNudgeDays).toBe(0);
    const empty = decideSettings({ ...valid, clientNudgeDays: '' });
    expect(empty.ok && 'clientNudgeDays' in empty.overrides).toBe(false);
  });

  it("when a retention is given, then it is the channel's own; left empty, the team default stays", () => {
    const decided = decideSettings({ ...valid, retention: '30' });
    expect(decided.ok && decided.overrides.retentionDays).toBe(30);
    const empty = decideSettings({ ...valid, retention: ' ' });
    expect(empty.ok && 'retentionDays' in empty.overrides).toBe(false);
  });

  it('when round-the-clock hours for urgent requests are ticked, then the channel counts urgent requests round the clock', () => {
    const decided = decideSettings({ ...valid, toggles: [...valid.toggles, 'urgentAroundTheClock'] });
    expect(decided.ok && decided.overrides.urgentAroundTheClock).toBe(true);
  });

  it('when the day ends at 00:00, then business hours run to midnight', () => {
    const decided = decideSettings({ ...valid, opens: '00:00', closes: '00:00' });
    expect(decided.ok && decided.overrides.businessHours).toMatchObject({ startMinute: 0, endMinute: 1440 });
  });

  it.each<[string, Partial<SettingsForm>, Record<string, string>]>([
    ['no language', { language: undefined }, { language: 'required' }],
    ['a language we do not have', { language: 'sv' }, { language: 'required' }],
    ['an unknown zone', { timezone: 'Mars/Olympus' }, { timezone: 'invalid_timezone' }],
    ['no zone', { timezone: ' ' }, { timezone: 'invalid_timezone' }],
    ['no opening time', { opens: undefined }, { opens: 'invalid_time' }],
    ['a closing time before the opening', { opens: '17:00', closes: '09:00' }, { closes: 'closes_before_opens' }],
    ['a time out of range', { closes: '25:00' }, { closes: 'invalid_time' }],
    ['no working day', { workingDays: [] }, { workingDays: 'no_days' }],
    ['only bogus days', { workingDays: ['0', '8', 'x'] }, { workingDays: 'no_days' }],
    ['an impossible holiday', { holidays: '2026-02-30' }, { holidays: 'invalid_dates' }],
    ['a holiday in another format', { holidays: '24.12.2026' }, { holidays: 'invalid_dates' }],
    ['a zero cadence', { cadenceUrgent: '0' }, { cadenceUrgent: 'minutes_range' }],
    ['a fractional cadence', { cadenceNormal: '1.5' }, { cadenceNormal: 'minutes_range' }],
    ['a first update beyond 30 days', { firstUpdate: '43201' }, { firstUpdate: 'minutes_range' }],
    ['a negative grace', { grace: '-1' }, { grace: 'minutes_range' }],
    ['a missing grace', { grace: '' }, { grace: 'minutes_range' }],
    ['a retention of no days', { retention: '0' }, { retention: 'days_range' }],
    ['a retention beyond ten years', { retention: '3651' }, { retention: 'days_range' }],
    ['a fractional retention', { retention: '1.5' }, { retention: 'days_range' }],
    ['negative nudge days', { clientNudgeDays: '-1' }, { clientNudgeDays: 'nudge_days_range' }],
    ['nudge days beyond 30', { clientNudgeDays: '31' }, { clientNudgeDays: 'nudge_days_range' }],
    ['fractional nudge days', { clientNudgeDays: '1.5' }, { clientNudgeDays: 'nudge_days_range' }],
  ])('when the form has %s, then that field is refused and nothing else', (_label, change, errors) => {
    expect(decideSettings({ ...valid, ...change })).toEqual({ ok: false, errors });
  });

  it('when several answers are wrong, then every problem is listed at once', () => {
    const decided = decideSettings({ ...valid, timezone: 'x', workingDays: [], grace: 'soon' });
    expect(decided.ok ? [] : Object.keys(decided.errors).sort()).toEqual(['grace', 'timezone', 'workingDays']);
  });
});

describe('formOf', () => {
  it('when settings are shown in the modal and saved unchanged, then they come back the same', () => {
    const settings: ChannelSettings = {
      clientName: 'Acme',
      language: 'en',
      businessHours: { timezone: 'Europe/Helsinki', workingDays: [1, 2, 3, 4, 5, 6, 7], startMinute: 0, endMinute: 1440, holidays: ['2026-12-24'] },
      cadenceMinutes: { urgent: 45, normal: 180 },
      firstUpdateMinutes: 20,
      graceMinutes: 15,
      retentionDays: 90,
      reopenWindowDays: 7,
      triageChannelId: 'C0TRIAGE',
      defaultOwnerIds: ['U0AINO'],
      teamLeadIds: [],
      onCallIds: ['U0ONCALL'],
      urgentAroundTheClock: true,
      autoAcknowledge: true,
      pleasantryFilter: true,
      managed: false,
      continuationWindowMs: 120_000,
      holdingLine: false,
      clientNudgeDays: 3,
    };
    const decided = decideSettings(formOf(settings));
    expect(decided.ok).toBe(true);
    if (!decided.ok) return;
    const { reopenWindowDays: _r, continuationWindowMs: _c, ...rest } = settings;
    expect(decided.overrides).toEqual(rest);
  });
});
