import { workflowTemplateSpecs, type TemplateSpec } from '@openiom/db/seed';
import { describe, expect, it } from 'vitest';
import { diffTemplateGraphs, type GraphStep, type TemplateGraph, validateTemplateGraph } from '../template-graph.ts';

const fromSpec = (spec: TemplateSpec): TemplateGraph => ({
  code: spec.code,
  name: spec.name,
  nameEn: spec.nameEn,
  steps: spec.steps.map(([code, name, nameEn, kind, workOrderTypeCode, joinAll, handlerFromStep]) => ({ code, name, nameEn, kind, workOrderTypeCode, joinAll: joinAll ?? false, handlerFromStep: handlerFromStep ?? null })),
  transitions: spec.transitions.map(([from, to, exceptionType]) => ({ from, to, kind: exceptionType ? 'EXCEPTION' : 'NORMAL', exceptionType: exceptionType ?? null })),
});

const step = (code: string, kind: GraphStep['kind'], extra: Partial<GraphStep> = {}): GraphStep => ({
  code,
  name: code,
  nameEn: code,
  kind,
  workOrderTypeCode: ['FIELD_WORK', 'DISPATCH_CENTER', 'MANUAL'].includes(kind) ? 'INSTALL' : null,
  joinAll: false,
  ...extra,
});
const normal = (from: string, to: string) => ({ from, to, kind: 'NORMAL' as const, exceptionType: null });

/** START → WIRING → INSTALL → END, with an exception edge INSTALL → WIRING. */
const simple = (): TemplateGraph => ({
  code: 'T',
  name: 't',
  nameEn: 't',
  steps: [step('START', 'START'), step('WIRING', 'RESOURCE_REQUEST'), step('INSTALL', 'FIELD_WORK'), step('END', 'END')],
  transitions: [normal('START', 'WIRING'), normal('WIRING', 'INSTALL'), normal('INSTALL', 'END'), { from: 'INSTALL', to: 'WIRING', kind: 'EXCEPTION', exceptionType: 'LINE_FAULT' }],
});

const problemsOf = (graph: TemplateGraph) => validateTemplateGraph(graph).map((problem) => [problem.code, problem.stepCode]);

describe('validateTemplateGraph', () => {
  it.each(workflowTemplateSpecs.map((spec) => [`${spec.code} v${spec.version}`, spec] as const))('accepts the seed template %s', (_name, spec) => {
    expect(validateTemplateGraph(fromSpec(spec))).toEqual([]);
  });

  it('checks handlerFromStep: an earlier step handled by people, on a step handled by people', () => {
    const graph = (): TemplateGraph => ({
      code: 'T',
      name: 't',
      nameEn: 't',
      steps: [step('START', 'START'), step('APPOINTMENT', 'FIELD_WORK'), step('WIRING', 'RESOURCE_REQUEST'), step('TEST', 'FIELD_WORK', { handlerFromStep: 'APPOINTMENT' }), step('END', 'END')],
      transitions: [normal('START', 'APPOINTMENT'), normal('APPOINTMENT', 'WIRING'), normal('WIRING', 'TEST'), normal('TEST', 'END'), { from: 'TEST', to: 'APPOINTMENT', kind: 'EXCEPTION', exceptionType: 'WRONG_ADDRESS' }],
    });
    expect(problemsOf(graph())).toEqual([]);
    const withHandler = (code: string, from: string | null) => {
      const g = graph();
      g.steps = g.steps.map((s) => (s.code === code ? { ...s, handlerFromStep: from } : s));
      return problemsOf(g);
    };
    // Later (only an exception edge leads back), automatic, unknown, itself: refused on the step.
    expect(withHandler('APPOINTMENT', 'TEST')).toEqual([['INVALID_HANDLER_FROM_STEP', 'APPOINTMENT']]);
    expect(withHandler('TEST', 'WIRING')).toEqual([['INVALID_HANDLER_FROM_STEP', 'TEST']]);
    expect(withHandler('TEST', 'NO_SUCH')).toEqual([['INVALID_HANDLER_FROM_STEP', 'TEST']]);
    expect(withHandler('TEST', 'TEST')).toEqual([['INVALID_HANDLER_FROM_STEP', 'TEST']]);
    expect(withHandler('WIRING', 'APPOINTMENT')).toEqual([['HANDLER_FROM_STEP_ON_AUTOMATIC_STEP', 'WIRING']]);
    // Reported in a diff like any other step field.
    const after = graph();
    after.steps = after.steps.map((s) => (s.code === 'TEST' ? { ...s, handlerFromStep: null } : s));
    expect(diffTemplateGraphs(graph(), after).stepsChanged).toEqual([{ code: 'TEST', fields: ['handlerFromStep'] }]);
  });

  it('accepts a simple graph with an exception loop back', () => {
    expect(validateTemplateGraph(simple())).toEqual([]);
  });

  it('reports an added step that nothing connects, on that step', () => {
    const graph = simple();
    graph.steps.push(step('TEST', 'MANUAL'));
    expect(problemsOf(graph)).toEqual([
      ['DEAD_END', 'TEST'],
      ['UNREACHABLE', 'TEST'],
    ]);
  });

  it('reports a missing END step and a missing START step as template-wide problems', () => {
    const graph = simple();
    graph.steps = graph.steps.filter((s) => s.kind !== 'END' && s.kind !== 'START');
    graph.transitions = [normal('WIRING', 'INSTALL')];
    const codes = problemsOf(graph);
    expect(codes).toContainEqual(['NO_START', null]);
    expect(codes).toContainEqual(['NO_END', null]);
    expect(codes).toContainEqual(['DEAD_END', 'INSTALL']);
  });

  it('reports every step of a cycle that has no way out', () => {
    const graph = simple();
    graph.steps.push(step('A', 'RESOURCE_REQUEST'), step('B', 'RESOURCE_REQUEST'));
    graph.transitions.push(normal('WIRING', 'A'), normal('A', 'B'), normal('B', 'A'));
    expect(problemsOf(graph)).toEqual([
      ['CYCLE_WITHOUT_EXIT', 'A'],
      ['CYCLE_WITHOUT_EXIT', 'B'],
    ]);
  });

  it('accepts a cycle that has an exit to END', () => {
    const graph = simple();
    graph.transitions.push({ from: 'INSTALL', to: 'INSTALL', kind: 'EXCEPTION', exceptionType: 'RETRY' });
    expect(validateTemplateGraph(graph)).toEqual([]);
  });

  it('reports a transition defined twice', () => {
    const graph = simple();
    graph.transitions.push(normal('WIRING', 'INSTALL'));
    expect(validateTemplateGraph(graph).map((p) => [p.code, p.stepCode, p.transitionIndex])).toEqual([['DUPLICATE_TRANSITION', 'WIRING', 4]]);
  });

  it('reports a transition to a missing step and an exception edge without a type', () => {
    const graph = simple();
    graph.transitions.push(normal('WIRING', 'NOWHERE'), { from: 'WIRING', to: 'END', kind: 'EXCEPTION', exceptionType: ' ' });
    const problems = validateTemplateGraph(graph);
    expect(problems.map((p) => [p.code, p.stepCode, p.transitionIndex])).toEqual([
      ['MISSING_STEP', 'WIRING', 4],
      ['EXCEPTION_WITHOUT_TYPE', 'WIRING', 5],
    ]);
    expect(problems[0].message).toContain('NOWHERE');
  });

  it('reports duplicate step codes, a manual step without a work-order type and an unknown work-order type', () => {
    const graph = simple();
    graph.steps.push(step('WIRING', 'RESOURCE_REQUEST'));
    graph.steps[2] = { ...graph.steps[2], workOrderTypeCode: null };
    graph.steps[1] = { ...graph.steps[1], workOrderTypeCode: 'NOPE' };
    const problems = validateTemplateGraph(graph, { workOrderTypeCodes: new Set(['WIRING', 'INSTALL']) }).map((p) => [p.code, p.stepCode]);
    expect(problems).toEqual([
      ['DUPLICATE_STEP_CODE', 'WIRING'],
      ['UNKNOWN_WORK_ORDER_TYPE', 'WIRING'],
      ['MANUAL_WITHOUT_WORK_ORDER_TYPE', 'INSTALL'],
    ]);
  });

  it('reports a join with a single input, START with incoming and END with outgoing edges', () => {
    const graph = simple();
    graph.steps[2] = { ...graph.steps[2], joinAll: true };
    graph.transitions.push(normal('END', 'START'));
    expect(problemsOf(graph)).toEqual([
      ['START_HAS_INCOMING', 'START'],
      ['JOIN_WITH_SINGLE_INPUT', 'INSTALL'],
      ['END_HAS_OUTGOING', 'END'],
    ]);
  });

  it('reports a step that can only lead into a dead end as having no path to END', () => {
    const graph = simple();
    graph.steps.push(step('X', 'RESOURCE_REQUEST'), step('Y', 'RESOURCE_REQUEST'));
    graph.transitions.push(normal('WIRING', 'X'), normal('X', 'Y'));
    expect(problemsOf(graph)).toEqual([
      ['DEAD_END', 'Y'],
      ['NO_PATH_TO_END', 'X'],
    ]);
  });
});

describe('diffTemplateGraphs', () => {
  it('lists steps and transitions added, removed and changed, ignoring positions', () => {
    const before = simple();
    const after = simple();
    after.steps = after.steps.filter((s) => s.code !== 'WIRING').map((s) => (s.code === 'INSTALL' ? { ...s, name: '装机', joinAll: true, x: 100 } : s));
    after.steps.push(step('TEST', 'MANUAL'));
    after.transitions = [normal('START', 'INSTALL'), normal('INSTALL', 'TEST'), normal('TEST', 'END')];
    expect(diffTemplateGraphs(before, after)).toEqual({
      stepsAdded: ['TEST'],
      stepsRemoved: ['WIRING'],
      stepsChanged: [{ code: 'INSTALL', fields: ['name', 'joinAll'] }],
      transitionsAdded: [normal('START', 'INSTALL'), normal('INSTALL', 'TEST'), normal('TEST', 'END')],
      transitionsRemoved: [normal('START', 'WIRING'), normal('WIRING', 'INSTALL'), normal('INSTALL', 'END'), { from: 'INSTALL', to: 'WIRING', kind: 'EXCEPTION', exceptionType: 'LINE_FAULT' }],
    });
  });

  it('is empty for identical graphs', () => {
    expect(diffTemplateGraphs(simple(), simple())).toEqual({ stepsAdded: [], stepsRemoved: [], stepsChanged: [], transitionsAdded: [], transitionsRemoved: [] });
  });
});
