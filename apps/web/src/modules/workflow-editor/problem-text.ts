import type { TFunction } from 'i18next';
import type { EditorGraph } from './graph-mapping';

/** A validation problem as the API reports it. */
export interface GraphProblem {
  code: string;
  stepCode: string | null;
  transitionIndex: number | null;
  message: string;
}

/**
 * A problem in the UI language: the API's stable code with the step (and transition) it concerns;
 * the API's English message for codes this screen does not know.
 */
export function problemText(t: TFunction, problem: GraphProblem, graph: EditorGraph | null): string {
  const transition = problem.transitionIndex != null ? graph?.transitions[problem.transitionIndex] : undefined;
  const step = graph?.steps.find((candidate) => candidate.code === problem.stepCode);
  return t(`workflowEditor.problems.${problem.code}`, {
    defaultValue: problem.message,
    step: problem.stepCode ?? '',
    from: transition?.from ?? '',
    to: transition?.to ?? '',
    exception: transition?.exceptionType ?? '',
    type: step?.workOrderTypeCode ?? '',
    kind: step ? t(`workflowEditor.kinds.${step.kind}`) : '',
  });
}

/** Problems grouped by step code (template-wide ones under ''), in the UI language. */
export function problemTextsByStep(t: TFunction, problems: readonly GraphProblem[], graph: EditorGraph | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const problem of problems) {
    const key = problem.stepCode ?? '';
    map.set(key, [...(map.get(key) ?? []), problemText(t, problem, graph)]);
  }
  return map;
}
