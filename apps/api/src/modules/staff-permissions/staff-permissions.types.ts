/** A staff member's permissions as stored: menu grants, data-permission organisations, work-order positions. */
export interface StaffPermissionsRecord {
  staffId: number;
  menus: { menuCode: string; operate: boolean }[];
  organisationIds: number[];
  workOrderPositionIds: number[];
}
