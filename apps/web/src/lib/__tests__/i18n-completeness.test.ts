import { describe, expect, it } from 'vitest';
import { MENU } from '../../app/menu/menu-definition';
import { toSupportedLanguage } from '../i18n';
import { en } from '../locales/en';
import { zhCN } from '../locales/zh-cn';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const enKeys = flatten(en);
const zhKeys = flatten(zhCN);

// The app's own source (not tests, not generated code), as text.
const sources = import.meta.glob<string>(
  ['../../**/*.{ts,tsx}', '!../../generated/**', '!../../**/__tests__/**', '!../locales/**'],
  { query: '?raw', import: 'default', eager: true },
);

describe('i18n resources', () => {
  it('every English key exists in zh-CN', () => {
    expect([...enKeys.keys()].filter((k) => !zhKeys.has(k))).toEqual([]);
  });

  it('every zh-CN key exists in English', () => {
    expect([...zhKeys.keys()].filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it('no text is empty', () => {
    const empty = [...enKeys, ...zhKeys].filter(([, v]) => !v.trim()).map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('both languages use the same {{placeholders}}', () => {
    const mismatched = [...enKeys].filter(([k, v]) => placeholders(v).join() !== placeholders(zhKeys.get(k) ?? '').join());
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });

  it('every menu entry has a label', () => {
    const labels = MENU.flatMap((g) => [g.labelKey, ...g.leaves.map((l) => l.labelKey)]);
    expect(labels.filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it('every literal key passed to t() in the source exists', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !enKeys.has(k)).sort()).toEqual([]);
  });
});

describe('toSupportedLanguage', () => {
  it.each([
    ['zh', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['fr-FR', undefined],
    [undefined, undefined],
  ])('%s → %s', (input, expected) => {
    expect(toSupportedLanguage(input)).toBe(expected);
  });
});
