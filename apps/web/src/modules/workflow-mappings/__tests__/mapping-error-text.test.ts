import { describe, expect, it } from 'vitest';
import { newestTemplates } from '../mapping-error-text';

describe('newestTemplates', () => {
  it('keeps the newest active version of each code, falling back to the newest inactive one, by code', () => {
    const versions = [
      { code: 'B', version: 3, active: false },
      { code: 'B', version: 2, active: true },
      { code: 'B', version: 1, active: true },
      { code: 'A', version: 1, active: false },
      { code: 'A', version: 2, active: false },
    ];
    expect(newestTemplates(versions)).toEqual([
      { code: 'A', version: 2, active: false },
      { code: 'B', version: 2, active: true },
    ]);
  });
});
