import { MockedProvider } from '@apollo/client/testing/react';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../lib/i18n';
import { viewerFixture } from '../../test/fixtures';
import { MainLayout } from '../routes/main-layout';
import { ViewerContext, type ActiveViewer } from '../session/viewer-context';

/** Pretends the window is narrow (`compact`) or wide, as `matchMedia` reports it. */
function setCompact(compact: boolean) {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (query: string) => ({
      matches: compact,
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }),
  });
}

function renderShell(viewer = viewerFixture()) {
  return render(
    <MockedProvider mocks={[]}>
      <ViewerContext value={viewer as ActiveViewer}>
        <MemoryRouter initialEntries={['/']}>
          <Routes>
            <Route element={<MainLayout />}>
              <Route index element={<p>home page</p>} />
              <Route path="system/staff" element={<p>staff page</p>} />
            </Route>
          </Routes>
        </MemoryRouter>
      </ViewerContext>
    </MockedProvider>,
  );
}

afterEach(async () => {
  Reflect.deleteProperty(window, 'matchMedia');
  await i18n.changeLanguage('en');
});

describe('MainLayout on a narrow screen', () => {
  it('opens the menu as a drawer from the header and closes it with Escape', async () => {
    setCompact(true);
    const user = userEvent.setup();
    renderShell();

    const toggle = screen.getByRole('button', { name: 'Menu' });
    const nav = screen.getByRole('navigation', { name: 'Main menu' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveAttribute('aria-controls', nav.id);
    expect(nav).not.toHaveClass('is-open');

    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(nav).toHaveClass('is-open');
    // Focus moves into the drawer, onto the current page's entry; the page behind is inert.
    expect(screen.getByTestId('nav-home')).toHaveFocus();
    expect(screen.getByRole('main', { hidden: true })).toHaveAttribute('inert');

    await user.keyboard('{Escape}');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(nav).not.toHaveClass('is-open');
    expect(toggle).toHaveFocus();
    expect(screen.getByRole('main')).not.toHaveAttribute('inert');
  });

  it('closes the drawer when a menu entry is followed, focus back on the menu button', async () => {
    setCompact(true);
    const user = userEvent.setup();
    renderShell();
    const toggle = screen.getByTestId('nav-toggle');

    await user.click(toggle);
    await user.click(screen.getByTestId('nav-system.staff'));
    expect(screen.getByText('staff page')).toBeInTheDocument();
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveFocus();

    // The entry of the page shown now also closes it (no navigation happens).
    await user.click(toggle);
    expect(screen.getByTestId('nav-system.staff')).toHaveFocus();
    await user.click(screen.getByTestId('nav-system.staff'));
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });

  it('closes the drawer with a click beside it', async () => {
    setCompact(true);
    const user = userEvent.setup();
    renderShell();
    await user.click(screen.getByTestId('nav-toggle'));
    await user.click(screen.getByTestId('nav-backdrop'));
    expect(screen.getByTestId('nav-toggle')).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByTestId('nav-backdrop')).not.toBeInTheDocument();
  });

  it('labels the menu button in Chinese too', async () => {
    setCompact(true);
    renderShell();
    await act(() => i18n.changeLanguage('zh-CN'));
    expect(screen.getByTestId('nav-toggle')).toHaveAccessibleName('菜单');
  });
});

describe('MainLayout on a wide screen', () => {
  it('keeps the menu in place: the menu button opens no drawer', async () => {
    setCompact(false);
    const user = userEvent.setup();
    renderShell();
    await user.click(screen.getByTestId('nav-toggle'));
    expect(screen.getByRole('navigation')).not.toHaveClass('is-open');
    expect(screen.getByTestId('nav-toggle')).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByRole('main')).not.toHaveAttribute('inert');
  });
});

describe('SideNav', () => {
  it('names a planned entry in full with the planned hint on hover', () => {
    renderShell(viewerFixture({ menus: ['dispatch', 'dispatch.statistics'] }));
    const planned = screen.getByTestId('nav-dispatch.statistics');
    expect(planned).toHaveAttribute('data-planned', 'true');
    expect(planned).toHaveAttribute('title', 'Install statistics — This screen is planned and not available yet');
    expect(within(planned).getByText('Install statistics')).toBeInTheDocument();
  });
});
