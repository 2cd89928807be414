import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';

describe('supervision settings', () => {
  it('default to 48 h overdue, 36 h warning, 2 h unclaimed appointment steps', () => {
    expect(loadConfig({}).supervision).toEqual({ overdueHours: 48, warningHours: 36, claimTimeoutHours: 2, claimStepCodes: ['APPOINTMENT'] });
  });

  it('are read from the environment, fractional hours and several claim steps included', () => {
    const config = loadConfig({ OPENIOM_SUPERVISION_OVERDUE_HOURS: '24', OPENIOM_SUPERVISION_WARNING_HOURS: '20.5', OPENIOM_SUPERVISION_CLAIM_HOURS: '0.5', OPENIOM_SUPERVISION_CLAIM_STEPS: 'APPOINTMENT, REMOVE_APPOINTMENT' });
    expect(config.supervision).toEqual({ overdueHours: 24, warningHours: 20.5, claimTimeoutHours: 0.5, claimStepCodes: ['APPOINTMENT', 'REMOVE_APPOINTMENT'] });
  });

  it('refuse a warning threshold not below the overdue one, and hours that are not positive', () => {
    expect(() => loadConfig({ OPENIOM_SUPERVISION_WARNING_HOURS: '48' })).toThrow(/must be below OPENIOM_SUPERVISION_OVERDUE_HOURS/);
    expect(() => loadConfig({ OPENIOM_SUPERVISION_CLAIM_HOURS: '0' })).toThrow(/OPENIOM_SUPERVISION_CLAIM_HOURS must be a number of hours/);
    expect(() => loadConfig({ OPENIOM_SUPERVISION_OVERDUE_HOURS: 'two days' })).toThrow(/OPENIOM_SUPERVISION_OVERDUE_HOURS/);
    expect(() => loadConfig({ OPENIOM_SUPERVISION_CLAIM_STEPS: ' , ' })).toThrow(/at least one step code/);
  });
});
