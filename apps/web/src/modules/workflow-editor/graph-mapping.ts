import { type Edge, MarkerType, type Node, Position } from '@xyflow/react';
import { layoutFlow } from '../work-orders/flow-layout';

/** Step kinds of the engine (StepKind). */
export const editorStepKinds = ['START', 'END', 'RESOURCE_REQUEST', 'NETWORK_ACTIVATION', 'FIELD_WORK', 'DISPATCH_CENTER', 'CRM_NOTICE', 'MANUAL'] as const;
export type EditorStepKind = (typeof editorStepKinds)[number];

/** One step as the editor's side panel edits it (the API's graph step). */
export interface EditorStep {
  code: string;
  name: string;
  nameEn: string;
  kind: EditorStepKind;
  workOrderTypeCode: string | null;
  joinAll: boolean;
  /** Fixed handling position (code); null: the dispatch rules decide. */
  positionCode?: string | null;
  /** Work-order type whose time limit applies; null: the step's own. */
  timeLimitTypeCode?: string | null;
  /** An earlier step handled by people whose claimer becomes this step's handler; null: none. */
  handlerFromStep?: string | null;
  x?: number | null;
  y?: number | null;
}

/** One transition between step codes. */
export interface EditorTransition {
  from: string;
  to: string;
  kind: 'NORMAL' | 'EXCEPTION';
  exceptionType: string | null;
}

export interface EditorGraph {
  code: string;
  name: string;
  nameEn: string;
  description?: string | null;
  steps: EditorStep[];
  transitions: EditorTransition[];
}

export interface StepNodeData extends Record<string, unknown> {
  step: EditorStep;
  /** Validation messages shown on the node. */
  problems: string[];
}
export interface TransitionEdgeData extends Record<string, unknown> {
  transition: EditorTransition;
}

export type StepNode = Node<StepNodeData>;
export type TransitionEdge = Edge<TransitionEdgeData>;

const columnWidth = 200;
const rowHeight = 100;

/** Canvas nodes and edges of a graph; steps without a stored position are laid out like the flow monitor. */
export function graphToFlow(graph: EditorGraph, problems: ReadonlyMap<string, string[]> = new Map()): { nodes: StepNode[]; edges: TransitionEdge[] } {
  const laid = new Map(
    layoutFlow(
      graph.steps.map((step) => step.code),
      graph.transitions.map((edge) => ({ fromStepId: edge.from, toStepId: edge.to, exception: edge.kind === 'EXCEPTION' })),
    ).map((entry) => [entry.id, entry]),
  );
  const nodes: StepNode[] = graph.steps.map((step) => {
    const auto = laid.get(step.code);
    const position = step.x != null && step.y != null ? { x: step.x, y: step.y } : { x: (auto?.column ?? 0) * columnWidth, y: (auto?.row ?? 0) * rowHeight };
    const stepProblems = problems.get(step.code) ?? [];
    return {
      id: step.code,
      type: 'step',
      position,
      data: { step, problems: stepProblems },
      className: `flow-step editor-step${stepProblems.length ? ' has-problems' : ''}`,
      sourcePosition: Position.Right,
      targetPosition: Position.Left,
    };
  });
  const edges: TransitionEdge[] = graph.transitions.map((transition) => ({
    id: edgeId(transition),
    source: transition.from,
    target: transition.to,
    type: transition.kind === 'EXCEPTION' ? 'default' : 'smoothstep',
    label: transition.kind === 'EXCEPTION' ? (transition.exceptionType ?? '?') : undefined,
    className: transition.kind === 'EXCEPTION' ? 'flow-edge is-exception' : 'flow-edge',
    markerEnd: { type: MarkerType.ArrowClosed },
    data: { transition },
  }));
  return { nodes, edges };
}

/** A stable edge id from what identifies a transition. */
export function edgeId(transition: EditorTransition): string {
  return `${transition.from}->${transition.to}:${transition.kind}:${transition.exceptionType ?? ''}`;
}

/** The graph to save from the canvas: node positions become step positions (rounded), edges transitions. */
export function flowToGraph(header: Pick<EditorGraph, 'code' | 'name' | 'nameEn' | 'description'>, nodes: readonly StepNode[], edges: readonly TransitionEdge[]): EditorGraph {
  return {
    ...header,
    steps: nodes.map((node) => ({ ...node.data.step, x: Math.round(node.position.x), y: Math.round(node.position.y) })),
    transitions: edges.map((edge) => edge.data?.transition ?? { from: edge.source, to: edge.target, kind: 'NORMAL', exceptionType: null }),
  };
}

/** Renames a step everywhere it is referenced (its node id, its code and the transitions touching it). */
export function renameStep(graph: EditorGraph, from: string, to: string): EditorGraph {
  if (from === to) return graph;
  const swap = (code: string) => (code === from ? to : code);
  return {
    ...graph,
    steps: graph.steps.map((step) => ({ ...step, code: swap(step.code), ...(step.handlerFromStep ? { handlerFromStep: swap(step.handlerFromStep) } : {}) })),
    transitions: graph.transitions.map((edge) => ({ ...edge, from: swap(edge.from), to: swap(edge.to) })),
  };
}

/** Removes steps and every transition that touches them. */
export function removeSteps(graph: EditorGraph, codes: ReadonlySet<string>): EditorGraph {
  return {
    ...graph,
    steps: graph.steps.filter((step) => !codes.has(step.code)),
    transitions: graph.transitions.filter((edge) => !codes.has(edge.from) && !codes.has(edge.to)),
  };
}

/** A code not yet used by the graph, for a newly added step (NEW_STEP, NEW_STEP_2, …). */
export function freshStepCode(graph: EditorGraph, base = 'NEW_STEP'): string {
  const used = new Set(graph.steps.map((step) => step.code));
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}_${n}`)) n += 1;
  return `${base}_${n}`;
}

/** Groups validation problems by step code for display on the nodes (template-wide ones under ''). */
export function problemsByStep(problems: readonly { stepCode: string | null; message: string }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const problem of problems) {
    const key = problem.stepCode ?? '';
    map.set(key, [...(map.get(key) ?? []), problem.message]);
  }
  return map;
}
