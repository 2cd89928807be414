import type { OrgLevel } from '@openiom/db';

export interface OrganisationRecord {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  level: OrgLevel;
  parentId: number | null;
  path: string;
  sortOrder: number;
}
