import { describe, expect, it } from 'vitest';
import { organisationLines, servesArea } from '../organisation-lines';

const tree = [{ id: 'p', children: [{ id: 'c1', children: [{ id: 'd1', children: [{ id: 'g1' }] }, { id: 'd2' }] }, { id: 'c2' }] }];

describe('positions serving an area', () => {
  const lines = organisationLines(tree);

  it('knows each organisation’s line from the root', () => {
    expect(lines.get('g1')).toEqual(['p', 'c1', 'd1', 'g1']);
    expect(lines.get('c2')).toEqual(['p', 'c2']);
  });

  it('lets positions of the area, above it and below it serve it, and no others', () => {
    expect(servesArea(lines, 'd1', 'd1')).toBe(true);
    expect(servesArea(lines, 'c1', 'd1')).toBe(true);
    expect(servesArea(lines, 'g1', 'd1')).toBe(true);
    expect(servesArea(lines, 'd2', 'd1')).toBe(false);
    expect(servesArea(lines, 'c2', 'g1')).toBe(false);
    expect(servesArea(lines, 'unknown', 'd1')).toBe(false);
  });
});
