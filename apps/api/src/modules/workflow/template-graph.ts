/**
 * Pure model of an engine template as an editable graph (steps by code, transitions between codes):
 * validation that reports every problem with the step it concerns, and a diff between two versions.
 * No Prisma, no I/O: the editor API and its import/export build on this.
 */

export const stepKinds = ['START', 'END', 'RESOURCE_REQUEST', 'NETWORK_ACTIVATION', 'FIELD_WORK', 'DISPATCH_CENTER', 'CRM_NOTICE', 'MANUAL'] as const;
export type GraphStepKind = (typeof stepKinds)[number];
export type GraphTransitionKind = 'NORMAL' | 'EXCEPTION';

/** Step kinds handled by people: their work orders need a work-order type (mirrors the engine's manualStepKinds). */
export const manualGraphStepKinds: ReadonlySet<string> = new Set(['FIELD_WORK', 'DISPATCH_CENTER', 'MANUAL']);

export interface GraphStep {
  code: string;
  name: string;
  nameEn: string;
  kind: GraphStepKind;
  workOrderTypeCode: string | null;
  joinAll: boolean;
  /** Fixed handling position (code) of a step handled by people; null: the dispatch rules decide. */
  positionCode?: string | null;
  /** Work-order type whose time limit applies; null: the step's own type. */
  timeLimitTypeCode?: string | null;
  /** An earlier step handled by people whose claimer becomes this step's handler; null: none. */
  handlerFromStep?: string | null;
  /** Canvas position (layout only; not part of the engine semantics). */
  x?: number | null;
  y?: number | null;
}

export interface GraphTransition {
  from: string;
  to: string;
  kind: GraphTransitionKind;
  exceptionType: string | null;
}

export interface TemplateGraph {
  code: string;
  name: string;
  nameEn: string;
  description?: string | null;
  steps: GraphStep[];
  transitions: GraphTransition[];
}

export type GraphProblemCode =
  | 'EMPTY_STEP_CODE'
  | 'DUPLICATE_STEP_CODE'
  | 'NO_START'
  | 'MULTIPLE_START'
  | 'NO_END'
  | 'START_HAS_INCOMING'
  | 'END_HAS_OUTGOING'
  | 'MISSING_STEP'
  | 'EXCEPTION_WITHOUT_TYPE'
  | 'NORMAL_WITH_EXCEPTION_TYPE'
  | 'DUPLICATE_TRANSITION'
  | 'UNREACHABLE'
  | 'DEAD_END'
  | 'CYCLE_WITHOUT_EXIT'
  | 'NO_PATH_TO_END'
  | 'MANUAL_WITHOUT_WORK_ORDER_TYPE'
  | 'JOIN_WITH_SINGLE_INPUT'
  | 'UNKNOWN_WORK_ORDER_TYPE'
  | 'UNKNOWN_TIME_LIMIT_TYPE'
  | 'POSITION_ON_AUTOMATIC_STEP'
  | 'UNKNOWN_POSITION'
  | 'HANDLER_FROM_STEP_ON_AUTOMATIC_STEP'
  | 'INVALID_HANDLER_FROM_STEP'
  | 'UNKNOWN_EXCEPTION_TYPE';

export interface GraphProblem {
  code: GraphProblemCode;
  /** The step the problem concerns (null for template-wide problems such as a missing END step). */
  stepCode: string | null;
  /** Index of the transition concerned, when the problem is about one. */
  transitionIndex: number | null;
  message: string;
}

export interface ValidateOptions {
  /** Known work-order type codes; when given, unknown codes are reported. */
  workOrderTypeCodes?: ReadonlySet<string>;
  /** Known work-order handling position codes; when given, unknown ones are reported. */
  positionCodes?: ReadonlySet<string>;
  /** Known exception type codes (异常类型); when given, exception transitions naming others are reported. */
  exceptionTypeCodes?: ReadonlySet<string>;
}

/** Returns every problem of the graph; an empty list means the engine can run it. */
export function validateTemplateGraph(graph: TemplateGraph, options: ValidateOptions = {}): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const add = (code: GraphProblemCode, stepCode: string | null, message: string, transitionIndex: number | null = null) =>
    problems.push({ code, stepCode, transitionIndex, message });

  const steps = new Map<string, GraphStep>();
  graph.steps.forEach((step, index) => {
    const code = step.code.trim();
    if (!code) return add('EMPTY_STEP_CODE', null, `Step #${index + 1} (${step.name || 'unnamed'}) has no code`);
    if (steps.has(code)) return add('DUPLICATE_STEP_CODE', code, `Step code ${code} is used more than once`);
    steps.set(code, { ...step, code });
  });

  const starts = [...steps.values()].filter((step) => step.kind === 'START');
  const ends = [...steps.values()].filter((step) => step.kind === 'END');
  if (starts.length === 0) add('NO_START', null, 'The template has no START step');
  for (const extra of starts.slice(1)) add('MULTIPLE_START', extra.code, `Step ${extra.code} is a second START step; a template has exactly one`);
  if (ends.length === 0) add('NO_END', null, 'The template has no END step');

  for (const step of steps.values()) {
    if (manualGraphStepKinds.has(step.kind) && !step.workOrderTypeCode)
      add('MANUAL_WITHOUT_WORK_ORDER_TYPE', step.code, `Step ${step.code} is handled by people (${step.kind}) but has no work-order type`);
    if (step.workOrderTypeCode && options.workOrderTypeCodes && !options.workOrderTypeCodes.has(step.workOrderTypeCode))
      add('UNKNOWN_WORK_ORDER_TYPE', step.code, `Step ${step.code} uses unknown work-order type ${step.workOrderTypeCode}`);
    if (step.timeLimitTypeCode && options.workOrderTypeCodes && !options.workOrderTypeCodes.has(step.timeLimitTypeCode))
      add('UNKNOWN_TIME_LIMIT_TYPE', step.code, `Step ${step.code} takes the time limit of unknown work-order type ${step.timeLimitTypeCode}`);
    if (step.positionCode && !manualGraphStepKinds.has(step.kind))
      add('POSITION_ON_AUTOMATIC_STEP', step.code, `Step ${step.code} runs by itself (${step.kind}): only steps handled by people have a handling position`);
    else if (step.positionCode && options.positionCodes && !options.positionCodes.has(step.positionCode))
      add('UNKNOWN_POSITION', step.code, `Step ${step.code} names position ${step.positionCode}, which is not a work-order handling position`);
  }

  // Transitions: endpoints, exception types, duplicates.
  const outgoing = new Map<string, GraphTransition[]>();
  const incoming = new Map<string, GraphTransition[]>();
  const seen = new Set<string>();
  graph.transitions.forEach((edge, index) => {
    let valid = true;
    for (const end of [edge.from, edge.to]) {
      if (!steps.has(end)) {
        add('MISSING_STEP', steps.has(edge.from) ? edge.from : null, `Transition ${edge.from} → ${edge.to} refers to missing step ${end || '(empty)'}`, index);
        valid = false;
      }
    }
    if (edge.kind === 'EXCEPTION' && !edge.exceptionType?.trim())
      add('EXCEPTION_WITHOUT_TYPE', steps.has(edge.from) ? edge.from : null, `Exception transition ${edge.from} → ${edge.to} has no exception type`, index);
    else if (edge.kind === 'EXCEPTION' && options.exceptionTypeCodes && !options.exceptionTypeCodes.has(edge.exceptionType?.trim() ?? ''))
      add(
        'UNKNOWN_EXCEPTION_TYPE',
        steps.has(edge.from) ? edge.from : null,
        `Exception transition ${edge.from} → ${edge.to} uses unknown exception type ${edge.exceptionType}: add it to the exception types first`,
        index,
      );
    if (edge.kind === 'NORMAL' && edge.exceptionType)
      add('NORMAL_WITH_EXCEPTION_TYPE', steps.has(edge.from) ? edge.from : null, `Normal transition ${edge.from} → ${edge.to} must not have an exception type`, index);
    const key = `${edge.from}|${edge.to}|${edge.kind}|${edge.exceptionType ?? ''}`;
    if (seen.has(key)) add('DUPLICATE_TRANSITION', steps.has(edge.from) ? edge.from : null, `Transition ${edge.from} → ${edge.to} is defined twice`, index);
    seen.add(key);
    if (!valid) return;
    if (!outgoing.has(edge.from)) outgoing.set(edge.from, []);
    if (!incoming.has(edge.to)) incoming.set(edge.to, []);
    outgoing.get(edge.from)?.push(edge);
    incoming.get(edge.to)?.push(edge);
  });

  for (const step of steps.values()) {
    const out = outgoing.get(step.code) ?? [];
    const into = incoming.get(step.code) ?? [];
    if (step.kind === 'START' && into.length > 0) add('START_HAS_INCOMING', step.code, `START step ${step.code} must not have incoming transitions`);
    if (step.kind === 'END' && out.length > 0) add('END_HAS_OUTGOING', step.code, `END step ${step.code} must not have outgoing transitions`);
    if (step.kind !== 'END' && !out.some((edge) => edge.kind === 'NORMAL'))
      add('DEAD_END', step.code, `Step ${step.code} has no normal transition: an order completing it would never finish`);
    if (step.joinAll && into.filter((edge) => edge.kind === 'NORMAL').length < 2)
      add('JOIN_WITH_SINGLE_INPUT', step.code, `Step ${step.code} is a join but fewer than two normal transitions lead into it`);
  }

  // A step taking its handler from another: both handled by people, the other one earlier (a path of
  // normal transitions leads from it to this step), so its claim is known when this step starts.
  for (const step of steps.values()) {
    const from = step.handlerFromStep?.trim();
    if (!from) continue;
    if (!manualGraphStepKinds.has(step.kind)) {
      add('HANDLER_FROM_STEP_ON_AUTOMATIC_STEP', step.code, `Step ${step.code} runs by itself (${step.kind}): only steps handled by people take their handler from another step`);
      continue;
    }
    const source = steps.get(from);
    if (!source || !manualGraphStepKinds.has(source.kind) || from === step.code || !leadsTo(from, step.code, outgoing))
      add('INVALID_HANDLER_FROM_STEP', step.code, `Step ${step.code} takes its handler from ${from}, which must be an earlier step handled by people`);
  }

  // Reachability from START (any transition kind).
  const reachable = new Set<string>();
  const stack = starts.slice(0, 1).map((step) => step.code);
  while (stack.length) {
    const code = stack.pop() as string;
    if (reachable.has(code)) continue;
    reachable.add(code);
    for (const edge of outgoing.get(code) ?? []) stack.push(edge.to);
  }
  if (starts.length > 0)
    for (const step of steps.values())
      if (!reachable.has(step.code)) add('UNREACHABLE', step.code, `Step ${step.code} cannot be reached from the START step`);

  // Which steps can reach an END step (walking transitions backwards).
  const reachesEnd = new Set<string>();
  const back = ends.map((step) => step.code);
  while (back.length) {
    const code = back.pop() as string;
    if (reachesEnd.has(code)) continue;
    reachesEnd.add(code);
    for (const edge of incoming.get(code) ?? []) back.push(edge.from);
  }

  // Cycles without exit: strongly connected components with a cycle from which no END is reachable.
  const inCycle = new Set<string>();
  for (const component of stronglyConnected([...steps.keys()], (code) => (outgoing.get(code) ?? []).map((edge) => edge.to))) {
    const cyclic = component.length > 1 || (outgoing.get(component[0]) ?? []).some((edge) => edge.to === component[0]);
    if (!cyclic || ends.length === 0 || component.some((code) => reachesEnd.has(code))) continue;
    const list = [...component].sort();
    for (const code of list) {
      inCycle.add(code);
      add('CYCLE_WITHOUT_EXIT', code, `Step ${code} is in a cycle (${list.join(', ')}) with no way out to an END step`);
    }
  }
  if (ends.length > 0)
    for (const step of steps.values())
      if (!reachesEnd.has(step.code) && !inCycle.has(step.code) && step.kind !== 'END' && (outgoing.get(step.code) ?? []).length > 0)
        add('NO_PATH_TO_END', step.code, `No path leads from step ${step.code} to an END step`);

  return problems;
}

/** Whether a path of normal transitions leads from one step to another. */
function leadsTo(from: string, to: string, outgoing: Map<string, GraphTransition[]>): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const code = stack.pop() as string;
    for (const edge of outgoing.get(code) ?? []) {
      if (edge.kind !== 'NORMAL' || seen.has(edge.to)) continue;
      if (edge.to === to) return true;
      seen.add(edge.to);
      stack.push(edge.to);
    }
  }
  return false;
}

/** Tarjan's algorithm, iterative enough for template sizes. */
function stronglyConnected(nodes: string[], next: (node: string) => string[]): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of next(node)) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) as number, low.get(target) as number));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node) as number, index.get(target) as number));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      result.push(component);
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return result;
}

export interface StepChange {
  code: string;
  fields: string[];
}

export interface TemplateGraphDiff {
  stepsAdded: string[];
  stepsRemoved: string[];
  stepsChanged: StepChange[];
  transitionsAdded: GraphTransition[];
  transitionsRemoved: GraphTransition[];
}

const comparedStepFields = ['name', 'nameEn', 'kind', 'workOrderTypeCode', 'joinAll', 'positionCode', 'timeLimitTypeCode', 'handlerFromStep'] as const;
const transitionKey = (edge: GraphTransition) => `${edge.from}|${edge.to}|${edge.kind}|${edge.exceptionType ?? ''}`;

/** What changed from `before` to `after` (canvas positions are layout and ignored). */
export function diffTemplateGraphs(before: TemplateGraph, after: TemplateGraph): TemplateGraphDiff {
  const old = new Map(before.steps.map((step) => [step.code, step]));
  const now = new Map(after.steps.map((step) => [step.code, step]));
  const stepsChanged: StepChange[] = [];
  for (const [code, step] of now) {
    const previous = old.get(code);
    if (!previous) continue;
    const fields = comparedStepFields.filter((field) => (previous[field] ?? null) !== (step[field] ?? null));
    if (fields.length) stepsChanged.push({ code, fields: [...fields] });
  }
  const oldEdges = new Set(before.transitions.map(transitionKey));
  const newEdges = new Set(after.transitions.map(transitionKey));
  return {
    stepsAdded: [...now.keys()].filter((code) => !old.has(code)),
    stepsRemoved: [...old.keys()].filter((code) => !now.has(code)),
    stepsChanged,
    transitionsAdded: after.transitions.filter((edge) => !oldEdges.has(transitionKey(edge))),
    transitionsRemoved: before.transitions.filter((edge) => !newEdges.has(transitionKey(edge))),
  };
}
