import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { mergeSchemaSources } from '../merge.ts';
import { schemaPath } from '../index.ts';

describe('committed schema.graphql', () => {
  it('matches the merged domain SDL files (run `pnpm codegen` after editing them)', () => {
    expect(readFileSync(schemaPath, 'utf8')).toBe(mergeSchemaSources());
  });

  it('is a valid schema in which every type, field, argument and enum value is documented', () => {
    const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description?.trim()) undocumented.push(type.name);
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) undocumented.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description?.trim() && field.args.length > 1) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if ('getValues' in type) {
        for (const value of type.getValues()) if (!value.description?.trim()) undocumented.push(`${type.name}.${value.name}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
