import { describe, expect, it } from 'vitest';
import { flattenOrganisations, type OrganisationTreeNode } from '../flatten-organisations';

const node = (id: string, children: OrganisationTreeNode[] = []): OrganisationTreeNode => ({
  id, code: id.toUpperCase(), name: `名${id}`, nameEn: `Name ${id}`, children,
});

describe('flattenOrganisations', () => {
  it('lists parents before children with their depth, in display order', () => {
    const tree = [node('gd', [node('gz', [node('th', [node('th-1')]), node('yx')]), node('sz')])];
    expect(flattenOrganisations(tree).map((o) => [o.id, o.depth])).toEqual([
      ['gd', 0], ['gz', 1], ['th', 2], ['th-1', 3], ['yx', 2], ['sz', 1],
    ]);
  });

  it('handles several roots and leaves without `children`', () => {
    const { children: _ignored, ...bare } = node('b');
    expect(flattenOrganisations([node('a'), bare]).map((o) => o.id)).toEqual(['a', 'b']);
  });
});
