import type { DispatchStepHandlerInput } from '../../generated/graphql';

/** A later step as the suggestion lists it. */
export interface LaterStep {
  code: string;
  handlerFromStep?: string | null;
}

/**
 * A later step's handler as the dialog holds it: '' keeps the step's default, `team:<id>` a team's
 * queue, `staff:<teamId>:<staffId>` one member of a team (the work order goes straight to them).
 */
export type HandlerChoice = string;

/** What the default ('') of a later step means: the assigned team (the step right after the dispatch center), the claimer of an earlier step, or the dispatch rules. */
export function defaultHandler(step: LaterStep, index: number): { kind: 'team' } | { kind: 'claimer'; step: string } | { kind: 'rules' } {
  if (step.handlerFromStep) return { kind: 'claimer', step: step.handlerFromStep };
  return index === 0 ? { kind: 'team' } : { kind: 'rules' };
}

/** The handlers to send: only the steps whose choice differs from their default. */
export function handlerInputs(steps: readonly LaterStep[], choices: Readonly<Record<string, HandlerChoice>>): DispatchStepHandlerInput[] {
  const inputs: DispatchStepHandlerInput[] = [];
  for (const step of steps) {
    const choice = choices[step.code] ?? '';
    const [kind, teamId, staffId] = choice.split(':');
    if (kind === 'team' && teamId) inputs.push({ stepCode: step.code, teamId });
    else if (kind === 'staff' && teamId && staffId) inputs.push({ stepCode: step.code, teamId, staffId });
  }
  return inputs;
}

/** `YYYY-MM-DDTHH:mm` of a date in local time, as a datetime-local input shows it. */
export function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The default appointment offered: tomorrow at 09:00 local time. */
export function defaultAppointment(now: Date): string {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0);
  return localInputValue(next);
}
