/** A node of the organisation tree as the organisations query returns it. */
interface TreeNode {
  id: string;
  children?: readonly TreeNode[] | null;
}

/** Every organisation's line from the root down to itself (ids), from the visible tree. */
export function organisationLines(roots: readonly TreeNode[]): Map<string, string[]> {
  const lines = new Map<string, string[]>();
  const walk = (nodes: readonly TreeNode[], above: string[]) => {
    for (const node of nodes) {
      const line = [...above, node.id];
      lines.set(node.id, line);
      if (node.children?.length) walk(node.children, line);
    }
  };
  walk(roots, []);
  return lines;
}

/**
 * Whether a position of `positionOrgId` is on the line of `areaId` (dispatch rules, position assignment): it
 * belongs to the area, to an organisation above it or to one below it (the server checks the same).
 */
export function servesArea(lines: Map<string, string[]>, positionOrgId: string, areaId: string): boolean {
  return (lines.get(areaId)?.includes(positionOrgId) ?? false) || (lines.get(positionOrgId)?.includes(areaId) ?? false);
}
