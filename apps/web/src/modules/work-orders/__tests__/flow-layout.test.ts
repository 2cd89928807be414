import { describe, expect, it } from 'vitest';
import { layoutFlow } from '../flow-layout';

const edge = (fromStepId: string, toStepId: string, exception = false) => ({ fromStepId, toStepId, exception });

describe('layoutFlow', () => {
  it('puts a linear flow in one row, a column per step, ignoring exception edges back', () => {
    const laid = layoutFlow(['S', 'A', 'B', 'E'], [edge('S', 'A'), edge('A', 'B'), edge('B', 'E'), edge('B', 'A', true)]);
    expect(laid).toEqual([
      { id: 'S', column: 0, row: 0 },
      { id: 'A', column: 1, row: 0 },
      { id: 'B', column: 2, row: 0 },
      { id: 'E', column: 3, row: 0 },
    ]);
  });

  it('stacks parallel branches and places a join after its longest branch', () => {
    const laid = layoutFlow(['S', 'A', 'B', 'B2', 'J'], [edge('S', 'A'), edge('S', 'B'), edge('B', 'B2'), edge('A', 'J'), edge('B2', 'J')]);
    expect(Object.fromEntries(laid.map((s) => [s.id, [s.column, s.row]]))).toEqual({ S: [0, 0], A: [1, 0], B: [1, 1], B2: [2, 0], J: [3, 0] });
  });

  it('survives a cycle of normal transitions', () => {
    expect(layoutFlow(['A', 'B'], [edge('A', 'B'), edge('B', 'A')]).map((s) => s.id)).toEqual(['A', 'B']);
  });
});
