import type { ViewerResolvers } from '../../../generated/resolvers-types.ts';
import type { StaffRecord } from '../../staff/staff.types.ts';

export const Viewer: ViewerResolvers = {
  sessionId: (viewer) => viewer.sessionId,
  loginName: (viewer) => viewer.loginName,
  staff: (viewer, _args, context) => (viewer.staffId === null ? null : context.loaders.staffById.load(viewer.staffId)),
  staffChoices: async (viewer, _args, context) => {
    const ids = await context.services.auth.staffChoices(viewer.userId);
    const staff = await context.loaders.staffById.loadMany(ids);
    return staff.filter((row): row is StaffRecord => row !== null && !(row instanceof Error));
  },
  menus: (viewer) => viewer.menus,
  operableMenus: (viewer) => [...viewer.operableMenus].sort(),
  workOrderPositions: (viewer, _args, context) => (viewer.staffId === null ? [] : context.services.staffPermissions.workOrderPositions(viewer.staffId)),
  permissions: (viewer) => [...viewer.permissions].sort(),
  idleTimeoutMinutes: (viewer) => viewer.idleTimeoutMinutes,
};
