import type { TemplateGraphInput, WorkflowTemplateGraphQuery } from '../../generated/graphql';
import { type EditorGraph, graphToFlow } from './graph-mapping';

type LoadedGraph = Pick<WorkflowTemplateGraphQuery['workflowTemplateGraph'], 'code' | 'name' | 'nameEn' | 'steps' | 'transitions'>;

export const levelHeight = 95;
export const laneWidth = 210;

/**
 * The API's graph with every step placed. Positions are not stored, so every version is laid out
 * afresh: the flow monitor's layout turned to run top to bottom (long chains fit beside the side
 * panel), parallel steps of a level side by side around the centre.
 */
export function placed(loaded: LoadedGraph): EditorGraph {
  const graph: EditorGraph = {
    code: loaded.code,
    name: loaded.name,
    nameEn: loaded.nameEn,
    steps: loaded.steps.map((step) => ({ ...step, workOrderTypeCode: step.workOrderTypeCode ?? null, positionCode: step.positionCode ?? null, timeLimitTypeCode: step.timeLimitTypeCode ?? null, handlerFromStep: step.handlerFromStep ?? null })),
    transitions: loaded.transitions.map((transition) => ({ ...transition, exceptionType: transition.exceptionType ?? null })),
  };
  // graphToFlow lays out in columns (x) and rows (y); a column becomes a level here.
  const { nodes } = graphToFlow(graph);
  const level = (x: number) => Math.round(x / 200);
  const width = new Map<number, number>();
  for (const node of nodes) width.set(level(node.position.x), (width.get(level(node.position.x)) ?? 0) + 1);
  return {
    ...graph,
    steps: graph.steps.map((step, i) => {
      const { x, y } = nodes[i]!.position;
      const lane = Math.round(y / 100) - ((width.get(level(x)) ?? 1) - 1) / 2;
      return { ...step, x: Math.round(lane * laneWidth), y: level(x) * levelHeight };
    }),
  };
}

/** The API's input: only what the engine keeps (positions are layout). */
export function toInput(graph: EditorGraph): TemplateGraphInput {
  return {
    code: graph.code,
    name: graph.name,
    nameEn: graph.nameEn,
    steps: graph.steps.map(({ code, name, nameEn, kind, workOrderTypeCode, joinAll, positionCode, timeLimitTypeCode, handlerFromStep }) => ({
      code,
      name,
      nameEn,
      kind,
      workOrderTypeCode: workOrderTypeCode || null,
      joinAll,
      positionCode: positionCode || null,
      timeLimitTypeCode: timeLimitTypeCode || null,
      handlerFromStep: handlerFromStep || null,
    })),
    transitions: graph.transitions.map(({ from, to, kind, exceptionType }) => ({ from, to, kind, exceptionType: kind === 'EXCEPTION' ? exceptionType || null : null })),
  };
}

