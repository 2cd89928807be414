import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { createCache } from '../../../lib/apollo-cache';
import { getToken, TOKEN_STORAGE_KEY } from '../../../lib/auth-token';
import { i18n } from '../../../lib/i18n';
import { organisation, staffChoice, viewerFixture } from '../../../test/fixtures';
import { LoginMutation } from '../graphql/login-mutation';
import { SelectStaffMutation } from '../graphql/select-staff-mutation';
import { LoginPage } from '../routes/login-page';

function Landed() {
  const location = useLocation();
  return <p data-testid="landed">{location.pathname}</p>;
}

function renderLogin(mocks: MockLink.MockedResponse[], initialEntry = '/login') {
  return render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <MemoryRouter initialEntries={[initialEntry]}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="*" element={<Landed />} />
        </Routes>
      </MemoryRouter>
    </MockedProvider>,
  );
}

async function fillCredentials(loginName = 'zhangsan', password = 'secret') {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Login name'), loginName);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Log in' }));
  return user;
}

const loginRequest = {
  query: LoginMutation,
  variables: { input: { loginName: 'zhangsan', password: 'secret' } },
};

function failedLogin(code: string): MockLink.MockedResponse {
  return {
    request: loginRequest,
    result: {
      data: {
        login: {
          __typename: 'LoginResult',
          ok: false,
          token: null,
          viewer: null,
          error: { __typename: 'UserError', code, message: `server says ${code}`, field: null },
        },
      },
    },
  };
}

describe('LoginPage', () => {
  it('logs in with two steps: password, then a staff number chosen from viewer.staffChoices', async () => {
    const tianhe = organisation('o1', '天河区分公司', 'Tianhe District');
    const yuexiu = organisation('o2', '越秀区分公司', 'Yuexiu District');
    const choices = [staffChoice('s1', 'GZ0001', '张三', tianhe), staffChoice('s2', 'GZ0107', '张三', yuexiu)];
    const beforeChoice = viewerFixture({ staff: null, staffChoices: choices, menus: [], permissions: [] });
    const afterChoice = viewerFixture({
      staffChoices: choices,
      staff: { ...viewerFixture().staff!, id: 's2', staffNo: 'GZ0107', organisation: yuexiu },
    });

    renderLogin(
      [
        {
          request: loginRequest,
          result: {
            data: { login: { __typename: 'LoginResult', ok: true, token: 'tok-123', error: null, viewer: beforeChoice } },
          },
        },
        {
          request: { query: SelectStaffMutation, variables: { input: { staffId: 's2' } } },
          result: {
            data: { selectStaff: { __typename: 'SelectStaffResult', ok: true, error: null, viewer: afterChoice } },
          },
        },
      ],
      '/login?next=%2Fsystem%2Fstaff',
    );

    const user = await fillCredentials();

    const list = await screen.findByTestId('staff-choice-list');
    expect(getToken()).toBe('tok-123');
    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toBe('tok-123');
    expect(screen.getByRole('heading', { name: 'Choose a staff number' })).toBeInTheDocument();
    const options = screen.getAllByRole('radio');
    expect(options).toHaveLength(2);
    expect(list).toHaveTextContent('GZ0001');
    expect(list).toHaveTextContent('Tianhe District');
    expect(list).toHaveTextContent('GZ0107');

    // Continuing without a choice asks for one.
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose a staff number.');

    await user.click(screen.getByRole('radio', { name: /GZ0107/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    // Lands on the page originally asked for.
    expect(await screen.findByTestId('landed')).toHaveTextContent('/system/staff');
  });

  it('goes straight on when the account owns one staff number', async () => {
    renderLogin([
      {
        request: loginRequest,
        result: {
          data: { login: { __typename: 'LoginResult', ok: true, token: 'tok-1', error: null, viewer: viewerFixture() } },
        },
      },
    ]);
    await fillCredentials();
    expect(await screen.findByTestId('landed')).toHaveTextContent('/');
    expect(screen.queryByTestId('staff-choice-list')).not.toBeInTheDocument();
  });

  it.each([
    ['INVALID_CREDENTIALS', 'Wrong login name or password.'],
    ['ACCOUNT_LOCKED', 'This account is locked after too many failed attempts. Try again in 15 minutes.'],
    ['NO_STAFF_NUMBER', 'This account has no staff number. Ask an administrator to assign one.'],
  ])('shows the translated message for %s', async (code, message) => {
    renderLogin([failedLogin(code)]);
    await fillCredentials();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(message);
    expect(alert).toHaveAttribute('data-code', code);
    expect(getToken()).toBeNull();
    expect(screen.getByLabelText('Password')).toHaveValue('');
  });

  it('shows the message in Chinese when the language is zh-CN', async () => {
    await i18n.changeLanguage('zh-CN');
    try {
      renderLogin([failedLogin('INVALID_CREDENTIALS')]);
      const user = userEvent.setup();
      await user.type(screen.getByLabelText('登录名'), 'zhangsan');
      await user.type(screen.getByLabelText('密码'), 'secret');
      await user.click(screen.getByRole('button', { name: '登录' }));
      expect(await screen.findByRole('alert')).toHaveTextContent('登录名或密码错误。');
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('reports a network error', async () => {
    renderLogin([{ request: loginRequest, error: new Error('Failed to fetch') }]);
    await fillCredentials();
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the server.');
  });

  it('asks for both fields before calling the server', async () => {
    renderLogin([]);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter your login name and password.');
  });

  it('explains why the user was sent back to the login page', async () => {
    renderLogin([], '/login?reason=session-ended&next=%2Fhelp');
    expect(screen.getByTestId('login-notice')).toHaveTextContent('Your session has ended');
    await waitFor(() => expect(document.title).toBe('Log in · OpenIOM'));
  });

  it('offers the language switch', async () => {
    renderLogin([]);
    const user = userEvent.setup();
    const zh = screen.getByRole('button', { name: '中文' });
    await user.click(zh);
    try {
      expect(await screen.findByLabelText('登录名')).toBeInTheDocument();
      expect(localStorage.getItem('openiom.lang')).toBe('zh-CN');
      expect(screen.getByTestId('lang-switch')).toHaveAttribute('data-lang', 'zh-CN');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
