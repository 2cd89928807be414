import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test as setup } from '@playwright/test';
import { loginViaApi } from '../fixtures/api-session.ts';
import { DEMO } from '../fixtures/demo-accounts.ts';
import { E2eViewerQuery } from '../fixtures/graphql/auth-documents.ts';
import { STORAGE_STATE } from '../fixtures/settings.ts';
import { storageStateFor, type StorageState } from '../fixtures/storage-state.ts';

async function save(file: string, state: StorageState): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(state, null, 2)}\n`);
}

// Logging in through the API (not the UI) once per run: the journeys reuse this session.
setup('admin session, English', async ({ baseURL }) => {
  const admin = await loginViaApi(baseURL!, DEMO.admin.login);
  const { viewer } = await admin.client.request(E2eViewerQuery);
  expect(viewer?.staff?.staffNo).toBe(DEMO.admin.staffNo);
  expect(viewer?.menus).toContain('system.online-staff');
  await save(STORAGE_STATE.admin, storageStateFor({ token: admin.token, language: 'en' }));
});
