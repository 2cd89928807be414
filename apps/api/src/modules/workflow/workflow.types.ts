import type { StepKind } from '@openiom/db';

export interface StepNode {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  kind: StepKind;
  joinAll: boolean;
  workOrderTypeCode: string | null;
  /** Fixed handling position (code) instead of the dispatch rules. */
  positionCode: string | null;
  /** Work-order type whose time limit applies (null: `workOrderTypeCode`). */
  timeLimitTypeCode: string | null;
  /** An earlier step whose claimer becomes this step's handler (written as an OrderStepHandler on claim). */
  handlerFromStep: string | null;
}

export interface TransitionEdge {
  fromStepId: number;
  toStepId: number;
  kind: 'NORMAL' | 'EXCEPTION';
  exceptionType: string | null;
}

/** One template version as a graph. Versions never change, so graphs are cached by id. */
export interface TemplateGraph {
  id: number;
  code: string;
  version: number;
  name: string;
  nameEn: string;
  steps: Map<number, StepNode>;
  start: StepNode;
  /** Outgoing edges by step id. */
  outgoing: Map<number, TransitionEdge[]>;
  /** Steps with a normal transition into each step (what a join waits for). */
  normalPredecessors: Map<number, number[]>;
}
