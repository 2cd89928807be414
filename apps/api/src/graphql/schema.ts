import { makeExecutableSchema } from '@graphql-tools/schema';
import { loadSchemaSDL } from '@openiom/schema';
import type { GraphQLSchema } from 'graphql';
import { applyGuards } from '../auth/guard.ts';
import { resolvers } from './resolvers.ts';

/** The executable schema: the committed contract, the resolvers, and an auth rule on every root field. */
export function buildApiSchema(): GraphQLSchema {
  const schema = makeExecutableSchema({
    typeDefs: loadSchemaSDL(),
    resolvers: resolvers as never,
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
  return applyGuards(schema);
}
