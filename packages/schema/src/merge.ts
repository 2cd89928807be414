import { loadFilesSync } from '@graphql-tools/load-files';
import { mergeTypeDefs } from '@graphql-tools/merge';
import { print } from 'graphql';
import { fileURLToPath } from 'node:url';

const sourceDir = fileURLToPath(new URL('.', import.meta.url));

const header = `# OpenIOM GraphQL contract. GENERATED from packages/schema/src/*.graphql by
# \`pnpm codegen\`; edit the domain files, never this one. A test fails when they drift apart.
`;

/** Merges the per-domain SDL files into the single committed contract. */
export function mergeSchemaSources(): string {
  const typeDefs = loadFilesSync(`${sourceDir}/*.graphql`, { extensions: ['graphql'] });
  const merged = mergeTypeDefs(typeDefs, { sort: true, throwOnConflict: true });
  return `${header}\n${print(merged)}\n`;
}
