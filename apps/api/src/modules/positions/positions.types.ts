import type { PositionKind } from '@openiom/db';

export interface PositionTypeRecord {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  kind: PositionKind;
}

export interface PositionRecord {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  organisationId: number;
  positionTypeId: number;
}
