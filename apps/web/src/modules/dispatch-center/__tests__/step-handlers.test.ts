import { describe, expect, it } from 'vitest';
import { defaultAppointment, defaultHandler, handlerInputs } from '../step-handlers';

const steps = [{ code: 'APPOINTMENT', handlerFromStep: null }, { code: 'OUTSIDE_PLANT', handlerFromStep: 'APPOINTMENT' }, { code: 'ONSITE_TEST', handlerFromStep: 'APPOINTMENT' }, { code: 'AUDIT', handlerFromStep: null }];

describe('later-step handlers of the assign dialog', () => {
  it('defaults the next step to the team, claimer-handled steps to the claimer, others to the dispatch rules', () => {
    expect(steps.map((step, i) => defaultHandler(step, i))).toEqual([{ kind: 'team' }, { kind: 'claimer', step: 'APPOINTMENT' }, { kind: 'claimer', step: 'APPOINTMENT' }, { kind: 'rules' }]);
  });

  it('sends only the choices that differ from the defaults, as team or team member', () => {
    expect(handlerInputs(steps, {})).toEqual([]);
    expect(handlerInputs(steps, { APPOINTMENT: 'staff:3:17', ONSITE_TEST: 'team:4', AUDIT: '' })).toEqual([
      { stepCode: 'APPOINTMENT', teamId: '3', staffId: '17' },
      { stepCode: 'ONSITE_TEST', teamId: '4' },
    ]);
  });

  it('offers tomorrow 09:00 local time as the appointment', () => {
    expect(defaultAppointment(new Date(2026, 11, 31, 17, 45))).toBe('2027-01-01T09:00');
  });
});
