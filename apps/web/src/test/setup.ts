import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { clearToken } from '../lib/auth-token';
import { i18n } from '../lib/i18n';

// Tests read English texts unless they switch.
beforeAll(async () => {
  await i18n.changeLanguage('en');
});

afterEach(() => {
  cleanup();
  // The token store is module state: forget any session a test opened.
  clearToken('logged-out');
  localStorage.clear();
});
