/** A node of the organisation tree as any depth of the `organisations` query returns it. */
export interface OrganisationTreeNode {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  children?: readonly OrganisationTreeNode[];
}

export interface FlatOrganisation {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  depth: number;
}

/** Depth-first, parents before children, keeping the server's display order. */
export function flattenOrganisations(roots: readonly OrganisationTreeNode[], depth = 0): FlatOrganisation[] {
  const out: FlatOrganisation[] = [];
  for (const node of roots) {
    out.push({ id: node.id, code: node.code, name: node.name, nameEn: node.nameEn, depth });
    if (node.children?.length) out.push(...flattenOrganisations(node.children, depth + 1));
  }
  return out;
}
