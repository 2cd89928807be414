import { writeFileSync } from 'node:fs';
import { mergeSchemaSources } from '../src/merge.ts';
import { schemaPath } from '../src/index.ts';

writeFileSync(schemaPath, mergeSchemaSources());
console.log(`wrote ${schemaPath}`);
