import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Path of the merged, committed SDL (the contract integrators read). */
export const schemaPath = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** The merged SDL as text. */
export function loadSchemaSDL(): string {
  return readFileSync(schemaPath, 'utf8');
}
