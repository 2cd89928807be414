import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import type { GraphQLContext } from '../context.ts';
import { AppError } from '../errors/app-error.ts';
import type { ViewerRecord } from '../modules/auth/auth.types.ts';
import { assertCan, assertMenu } from './authorize.ts';
import { rootFieldRules, type Rule } from './rules.ts';

/** Throws unless the context satisfies the rule; returns the viewer when there must be one. */
export function enforce(rule: Rule, context: GraphQLContext, operate = false): ViewerRecord | null {
  if (rule === 'public' || rule === 'parent') return context.viewer;
  const viewer = context.viewer;
  if (!viewer) {
    if (context.authFailure === 'SESSION_EXPIRED') throw new AppError('SESSION_EXPIRED', 'Your session has ended (logged out or idle too long); log in again.');
    if (context.authFailure === 'INVALID_TOKEN') throw new AppError('UNAUTHENTICATED', 'The session token is not valid; log in again.');
    throw new AppError('UNAUTHENTICATED', 'Log in first: send `Authorization: Bearer <token>` (HTTP) or `connectionParams.authToken` (WebSocket).');
  }
  if (rule === 'session') return viewer;
  if (viewer.staffId === null) throw new AppError('STAFF_NOT_SELECTED', 'Pick a staff number first (selectStaff).');
  if (rule !== 'staff') {
    assertCan(viewer, rule.can);
    if (rule.menus) assertMenu(viewer, rule.menus, operate);
  }
  return viewer;
}

/**
 * Wraps every root field's resolver (and subscribe) with its rule. A root field without a rule
 * makes the schema refuse to build, so nothing can ship unguarded.
 */
export function applyGuards(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.ROOT_OBJECT]: (type) => type,
    [MapperKind.ROOT_FIELD]: (field, fieldName, typeName) => {
      const rule = rootFieldRules[typeName as keyof typeof rootFieldRules]?.[fieldName];
      if (!rule) throw new Error(`No auth rule for ${typeName}.${fieldName}: add one to apps/api/src/auth/rules.ts`);
      const resolve = field.resolve ?? defaultFieldResolver;
      const wrapped = { ...field, resolve: (source: unknown, args: unknown, context: GraphQLContext, info: GraphQLResolveInfo) => {
        enforce(rule, context, typeName === 'Mutation');
        return resolve(source, args as Record<string, unknown>, context, info);
      } };
      if (field.subscribe) {
        const subscribe = field.subscribe;
        wrapped.subscribe = async (source: unknown, args: unknown, context: GraphQLContext, info: GraphQLResolveInfo) => {
          enforce(rule, context);
          const events: unknown = await subscribe(source, args as Record<string, unknown>, context, info);
          // Permissions can change while a subscription runs: each event is re-checked against the
          // viewer as last re-authorized (authorizedEvents refreshes context.viewer per event).
          return isAsyncIterable(events) ? recheckEach(events, () => enforce(rule, context)) : events;
        };
      }
      return wrapped;
    },
  });
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** Yields the events while `check` passes; a failed check ends the subscription with its error. */
async function* recheckEach(events: AsyncIterable<unknown>, check: () => void): AsyncGenerator<unknown> {
  const iterator = events[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      check();
      yield next.value;
    }
  } finally {
    await iterator.return?.();
  }
}
