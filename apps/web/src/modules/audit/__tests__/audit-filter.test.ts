import { describe, expect, it } from 'vitest';
import { auditFilter, auditParams, fieldChanges } from '../audit-filter';

describe('audit search conditions', () => {
  it('reads only the known, non-empty URL parameters', () => {
    expect(auditParams(new URLSearchParams('from=2026-11-01&staffNo=%20&text=%E5%9B%BD%E5%BA%86&other=1'))).toEqual({ from: '2026-11-01', text: '国庆' });
  });

  it('turns whole local days into a half-open time range that includes the last day', () => {
    const filter = auditFilter({ from: '2026-11-01', to: '2026-11-01' });
    expect(new Date(filter.from!).getTime()).toBe(new Date(2026, 10, 1).getTime());
    expect(new Date(filter.to!).getTime()).toBe(new Date(2026, 10, 2).getTime());
  });

  it('ignores malformed dates and upper-cases staff numbers', () => {
    expect(auditFilter({ from: '1 Nov', staffNo: 'gz0001', entityType: 'Position' })).toEqual({ staffNo: 'GZ0001', entityType: 'Position' });
  });
});

describe('before/after comparison', () => {
  it('lists every field, the changed ones first, as text', () => {
    const rows = fieldChanges('{"name":"A","hours":8,"tags":["x"]}', '{"name":"A","hours":12,"tags":["x"],"note":null}', ['hours', 'note']);
    expect(rows).toEqual([
      { field: 'hours', before: '8', after: '12', changed: true },
      { field: 'note', before: '', after: 'null', changed: true },
      { field: 'name', before: 'A', after: 'A', changed: false },
      { field: 'tags', before: '["x"]', after: '["x"]', changed: false },
    ]);
  });

  it('shows a creation with empty before values and survives text that is not JSON', () => {
    expect(fieldChanges(null, '{"code":"P1"}', ['code'])).toEqual([{ field: 'code', before: '', after: 'P1', changed: true }]);
    expect(fieldChanges('not json', null, [])).toEqual([{ field: 'value', before: 'not json', after: '', changed: false }]);
  });
});
