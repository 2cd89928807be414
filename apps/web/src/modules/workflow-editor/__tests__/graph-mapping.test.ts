import { describe, expect, it } from 'vitest';
import { type EditorGraph, flowToGraph, freshStepCode, graphToFlow, problemsByStep, removeSteps, renameStep } from '../graph-mapping';

const graph: EditorGraph = {
  code: 'FIXED_NEW',
  name: '固话新装',
  nameEn: 'Fixed line: new install',
  description: null,
  steps: [
    { code: 'START', name: '开始', nameEn: 'Start', kind: 'START', workOrderTypeCode: null, joinAll: false },
    { code: 'INSTALL', name: '装机', nameEn: 'Installation', kind: 'FIELD_WORK', workOrderTypeCode: 'INSTALL', joinAll: false, x: 420, y: 30 },
    { code: 'END', name: '结束', nameEn: 'End', kind: 'END', workOrderTypeCode: null, joinAll: false },
  ],
  transitions: [
    { from: 'START', to: 'INSTALL', kind: 'NORMAL', exceptionType: null },
    { from: 'INSTALL', to: 'END', kind: 'NORMAL', exceptionType: null },
    { from: 'INSTALL', to: 'START', kind: 'EXCEPTION', exceptionType: 'LINE_FAULT' },
  ],
};

describe('graph ↔ canvas mapping', () => {
  it('makes one node per step, laid out left to right unless the step has a position', () => {
    const { nodes } = graphToFlow(graph);
    expect(nodes.map((node) => [node.id, node.position])).toEqual([
      ['START', { x: 0, y: 0 }],
      ['INSTALL', { x: 420, y: 30 }],
      ['END', { x: 400, y: 0 }],
    ]);
  });

  it('styles exception edges differently and labels them with their type', () => {
    const { edges } = graphToFlow(graph);
    expect(edges.map((edge) => [edge.source, edge.target, edge.className, edge.label])).toEqual([
      ['START', 'INSTALL', 'flow-edge', undefined],
      ['INSTALL', 'END', 'flow-edge', undefined],
      ['INSTALL', 'START', 'flow-edge is-exception', 'LINE_FAULT'],
    ]);
  });

  it('puts validation messages on the offending nodes', () => {
    const problems = problemsByStep([
      { stepCode: 'END', message: 'bad end' },
      { stepCode: null, message: 'template-wide' },
      { stepCode: 'END', message: 'worse end' },
    ]);
    const { nodes } = graphToFlow(graph, problems);
    const end = nodes.find((node) => node.id === 'END');
    expect(end?.data.problems).toEqual(['bad end', 'worse end']);
    expect(end?.className).toContain('has-problems');
    expect(nodes.find((node) => node.id === 'START')?.data.problems).toEqual([]);
    expect(problems.get('')).toEqual(['template-wide']);
  });

  it('maps the canvas back to the same graph, with node positions as step positions', () => {
    const { nodes, edges } = graphToFlow(graph);
    const back = flowToGraph({ code: graph.code, name: graph.name, nameEn: graph.nameEn, description: null }, nodes, edges);
    expect(back.transitions).toEqual(graph.transitions);
    expect(back.steps).toEqual(graph.steps.map((step, i) => ({ ...step, x: nodes[i].position.x, y: nodes[i].position.y })));
  });

  it('turns a newly connected edge without data into a normal transition', () => {
    const { nodes } = graphToFlow(graph);
    const back = flowToGraph(graph, nodes, [{ id: 'x', source: 'START', target: 'END' }]);
    expect(back.transitions).toEqual([{ from: 'START', to: 'END', kind: 'NORMAL', exceptionType: null }]);
  });

  it('renames a step in its transitions too, and removes a step with its transitions', () => {
    const renamed = renameStep(graph, 'INSTALL', 'SETUP');
    expect(renamed.steps.map((step) => step.code)).toEqual(['START', 'SETUP', 'END']);
    expect(renamed.transitions.map((edge) => `${edge.from}>${edge.to}`)).toEqual(['START>SETUP', 'SETUP>END', 'SETUP>START']);
    // …and in the steps that take their handler from it.
    const follower = { ...graph, steps: graph.steps.map((step) => (step.code === 'END' ? step : step.code === 'START' ? step : { ...step, handlerFromStep: null })).concat([{ ...graph.steps[1]!, code: 'TEST', handlerFromStep: 'INSTALL' }]) };
    expect(renameStep(follower, 'INSTALL', 'SETUP').steps.find((step) => step.code === 'TEST')?.handlerFromStep).toBe('SETUP');
    const removed = removeSteps(graph, new Set(['INSTALL']));
    expect(removed.steps.map((step) => step.code)).toEqual(['START', 'END']);
    expect(removed.transitions).toEqual([]);
  });

  it('offers an unused code for a new step', () => {
    expect(freshStepCode(graph)).toBe('NEW_STEP');
    const withNew = { ...graph, steps: [...graph.steps, { ...graph.steps[0], code: 'NEW_STEP' }, { ...graph.steps[0], code: 'NEW_STEP_2' }] };
    expect(freshStepCode(withNew)).toBe('NEW_STEP_3');
  });
});
