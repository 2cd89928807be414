import { z } from 'zod';
import type { MutationResolvers, QueryResolvers } from '../../../generated/resolvers-types.ts';
import { assertCan } from '../../../auth/authorize.ts';
import { parseInput } from '../../../lib/parse-input.ts';
import type { ViewerRecord } from '../../auth/auth.types.ts';

export const staticDataCaches: QueryResolvers['staticDataCaches'] = (_parent, _args, context) => {
  assertCan(context.viewer as ViewerRecord, 'config:write');
  return context.services.staticData.list();
};

const refreshInput = z.object({ names: z.array(z.string().trim().min(1).max(60)).max(50, 'at most 50 names').nullish() });

export const refreshStaticData: MutationResolvers['refreshStaticData'] = async (_parent, args, context) => {
  const viewer = context.viewer as ViewerRecord;
  assertCan(viewer, 'config:write');
  const { names } = parseInput(refreshInput, args.input);
  const { staticData, audit } = context.services;
  const unknown = (names ?? []).filter((name) => !staticData.names().includes(name));
  if (unknown.length > 0) {
    return { ok: false, refreshed: [], error: { code: 'UNKNOWN_CACHE', message: `There is no static-data cache named ${unknown.join(', ')}; known: ${staticData.names().join(', ')}.`, field: 'names' } };
  }
  const refreshed = staticData.refresh(names && names.length > 0 ? names : null);
  await audit.recordAction(viewer, { action: 'static-data.refresh', entityType: 'StaticDataCache', entityId: refreshed.join(','), summary: refreshed.join(', ') });
  return { ok: true, error: null, refreshed };
};
