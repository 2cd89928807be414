import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RowActions } from '../../../components/row-actions';
import { viewerFixture } from '../../../test/fixtures';
import { OperateOnly, ScreenMenuContext } from '../menu-access';
import { ViewerContext, type ActiveViewer } from '../viewer-context';

function renderScreen(menu: string, operableMenus: string[]) {
  const viewer = viewerFixture({ menus: [menu], operableMenus }) as ActiveViewer;
  return render(
    <ViewerContext value={viewer}>
      <ScreenMenuContext.Provider value={menu}>
        <OperateOnly>
          <button type="button">New</button>
        </OperateOnly>
        <table>
          <tbody>
            <tr>
              <RowActions name="row" onEdit={() => undefined} onDelete={() => undefined} />
            </tr>
          </tbody>
        </table>
      </ScreenMenuContext.Provider>
    </ViewerContext>,
  );
}

describe('menu access on a screen', () => {
  it('shows the change buttons to a viewer who may operate the screen’s menu', () => {
    renderScreen('config.calendar', ['config.calendar']);
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toHaveLength(3);
  });

  it('hides them on a read-only screen (view without operate)', () => {
    renderScreen('config.calendar', ['config.cache']);
    expect(screen.queryAllByRole('button')).toEqual([]);
  });
});
