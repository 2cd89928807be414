import { expect } from 'vitest';
import { gqlRequest } from './graphql-client.ts';

export const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      ok
      token
      error { code message field }
      viewer { sessionId staff { id staffNo } staffChoices { id staffNo } menus permissions }
    }
  }
`;

export const SELECT_STAFF = /* GraphQL */ `
  mutation SelectStaff($input: SelectStaffInput!) {
    selectStaff(input: $input) { ok error { code message field } viewer { staff { id staffNo } menus permissions } }
  }
`;

/** Logs in (picking `staffId` when the account owns several numbers) and returns the token. */
export async function loginAs(url: string, loginName: string, password: string, staffId?: number): Promise<string> {
  const login = await gqlRequest(url, LOGIN, { input: { loginName, password } });
  expect(login.errors).toBeUndefined();
  expect(login.data?.login.ok).toBe(true);
  const token = login.data!.login.token as string;
  if (staffId !== undefined && Number(login.data!.login.viewer.staff?.id) !== staffId) {
    const selected = await gqlRequest(url, SELECT_STAFF, { input: { staffId: String(staffId) } }, token);
    expect(selected.data?.selectStaff.ok).toBe(true);
  }
  return token;
}
