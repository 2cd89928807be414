import type { PositionResolvers, PositionTypeResolvers, QueryResolvers } from '../../../generated/resolvers-types.ts';
import { loadRequired } from '../../../graphql/load-required.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';

export const Position: PositionResolvers = {
  id: (position) => String(position.id),
  organisation: (position, _args, context) => loadRequired(context.loaders.organisationById, position.organisationId, 'Organisation'),
  positionType: (position, _args, context) => loadRequired(context.loaders.positionTypeById, position.positionTypeId, 'PositionType'),
  holderCount: async (position, _args, context) => (await context.loaders.holderCountOfPosition.load(position.id))?.count ?? 0,
};

export const PositionType: PositionTypeResolvers = {
  id: (type) => String(type.id),
  menus: async (type, _args, context) => (await context.loaders.menusOfPositionType.load(type.id)).map((row) => row.menuCode),
  positionCount: async (type, _args, context) => (await context.loaders.positionCountOfType.load(type.id))?.count ?? 0,
};

export const positions: QueryResolvers['positions'] = (_parent, args, context) => context.services.positions.visible(context.viewer as ViewerRecord, args.kind ?? null);
