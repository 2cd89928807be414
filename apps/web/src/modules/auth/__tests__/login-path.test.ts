import { describe, expect, it } from 'vitest';
import { loginPath, parseSignOutReason, safeNextPath } from '../login-path';

describe('safeNextPath', () => {
  it.each([
    [null, '/'],
    ['', '/'],
    ['/system/staff', '/system/staff'],
    ['/system/staff?x=1#y', '/system/staff?x=1#y'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['/login', '/'],
    ['/login?next=/x', '/'],
  ])('%s → %s', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});

describe('loginPath', () => {
  it('remembers the wanted page', () => {
    expect(loginPath({ pathname: '/system/staff', search: '?a=1' }, null)).toBe('/login?next=%2Fsystem%2Fstaff%3Fa%3D1');
  });

  it('does not remember the home page', () => {
    expect(loginPath({ pathname: '/' }, null)).toBe('/login');
  });

  it('carries the reason, and forgets the page after a deliberate logout', () => {
    expect(loginPath({ pathname: '/help' }, 'idle')).toBe('/login?next=%2Fhelp&reason=idle');
    expect(loginPath({ pathname: '/help' }, 'session-ended')).toBe('/login?next=%2Fhelp&reason=session-ended');
    expect(loginPath({ pathname: '/help' }, 'logged-out')).toBe('/login?reason=logged-out');
  });
});

describe('parseSignOutReason', () => {
  it('accepts known reasons only', () => {
    expect(parseSignOutReason('idle')).toBe('idle');
    expect(parseSignOutReason('<script>')).toBeNull();
    expect(parseSignOutReason(null)).toBeNull();
  });
});
