import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ViewerContext, type ActiveViewer } from '../../../app/session/viewer-context';
import { createCache } from '../../../lib/apollo-cache';
import { viewerFixture } from '../../../test/fixtures';
import { OrganisationsQuery } from '../../organisations/graphql/organisations-query';
import { AlarmChangedSubscription } from '../graphql/alarm-changed-subscription';
import { PreAlarmMonitorQuery } from '../graphql/pre-alarm-monitor-query';
import { PreAlarmOrdersQuery } from '../graphql/pre-alarm-orders-query';
import { PreAlarmPage } from '../routes/pre-alarm-page';

type Level = 'PROVINCE' | 'CITY' | 'DISTRICT' | 'GRID';
const org = (id: string, code: string, name: string, nameEn: string, level: Level) => ({ __typename: 'Organisation' as const, id, code, name, nameEn, level });

const gd = org('1', 'GD', '广东省', 'Guangdong', 'PROVINCE');
const gz = org('2', 'GZ', '广州市', 'Guangzhou', 'CITY');
const th = org('3', 'GZ-TH', '天河区', 'Tianhe', 'DISTRICT');
const yx = org('4', 'GZ-YX', '越秀区', 'Yuexiu', 'DISTRICT');
const shipai = org('31', 'GZ-TH-01', '天河区石牌网格', 'Tianhe Shipai grid', 'GRID');

const tree = {
  organisations: [{ ...gd, children: [{ ...gz, children: [{ ...th, children: [shipai] }, { ...yx, children: [] }] }] }],
};

function counts(o: typeof gd, orders: number[], workOrders: number[]) {
  const row = (subject: string, [executing, warning, overdue, acceptOverdue]: number[]) => ({
    __typename: 'PreAlarmRow',
    subject,
    executing,
    warning,
    overdue,
    acceptOverdue,
    organisation: o,
  });
  return [row('ORDER', [...orders, 0]), row('WORK_ORDER', workOrders)];
}

const monitor = (organisationId: string, rows: unknown[], extra: Partial<MockLink.MockedResponse> = {}): MockLink.MockedResponse => ({
  request: { query: PreAlarmMonitorQuery, variables: { organisationId } },
  result: { data: { preAlarmMonitor: rows } },
  ...extra,
});

const quiet = (organisationId: string): MockLink.MockedResponse => ({
  request: { query: AlarmChangedSubscription, variables: { filter: { organisationId } } },
  // Never answers within the test: no alarm.
  delay: 60_000,
  result: { data: { alarmChanged: { __typename: 'AlarmEvent', subject: 'ORDER', timeState: 'OVERDUE', acceptOverdue: false } } },
});

function order(n: number) {
  return {
    __typename: 'OrderEdge',
    cursor: `c${n}`,
    node: {
      __typename: 'Order',
      id: `o${n}`,
      orderNo: `O00000000${String(n).padStart(2, '0')}`,
      orderType: 'REMOVE',
      customerName: `客户${n}`,
      address: `广州市天河区石牌路${n}号`,
      acceptedAt: '2026-11-20T01:00:00.000Z',
      dueAt: '2026-11-21T01:00:00.000Z',
      timeState: 'OVERDUE',
      organisation: shipai,
    },
  };
}

function ordersPage(after: string | null, numbers: number[], hasNextPage: boolean): MockLink.MockedResponse {
  return {
    request: {
      query: PreAlarmOrdersQuery,
      variables: { filter: { organisationId: '31', state: 'EXECUTING', timeState: 'OVERDUE' }, first: 20, after },
    },
    result: {
      data: {
        orders: {
          __typename: 'OrderConnection',
          totalCount: 21,
          totalCountCapped: false,
          pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: `c${numbers.at(-1)}` },
          edges: numbers.map(order),
        },
      },
    },
  };
}

function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.pathname + location.search}</output>;
}

function renderPage(mocks: MockLink.MockedResponse[], { path = '/monitoring/pre-alarm', viewer = viewerFixture({ permissions: ['orders:read'] }) } = {}) {
  return render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <ViewerContext value={viewer as ActiveViewer}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route
              path="/monitoring/pre-alarm"
              element={
                <>
                  <PreAlarmPage />
                  <Where />
                </>
              }
            />
          </Routes>
        </MemoryRouter>
      </ViewerContext>
    </MockedProvider>,
  );
}

describe('PreAlarmPage', () => {
  it('starts at the single top of the data permissions and breaks an organisation down by its name', async () => {
    const user = userEvent.setup();
    renderPage([
      { request: { query: OrganisationsQuery }, result: { data: tree } },
      monitor('1', [...counts(gd, [9, 2, 3], [12, 1, 4, 2]), ...counts(gz, [9, 2, 3], [12, 1, 4, 2])]),
      quiet('1'),
      monitor('2', [...counts(gz, [9, 2, 3], [12, 1, 4, 2]), ...counts(th, [5, 0, 3], [7, 1, 4, 2]), ...counts(yx, [4, 2, 0], [5, 0, 0, 0])]),
      quiet('2'),
    ]);

    const rows = await screen.findAllByTestId('pre-alarm-row');
    expect(rows.map((r) => r.dataset.organisationCode)).toEqual(['GD', 'GZ']);
    expect(rows[0]).toHaveClass('is-total');
    expect(rows[0]).toHaveTextContent('Guangdong');
    expect(screen.getByTestId('pre-alarm-trail-current')).toHaveTextContent('Guangdong');

    // Counts are buttons named after what they count; zero is plain text.
    const overdue = within(rows[1]).getByRole('button', { name: 'Overdue orders, Guangzhou: 3' });
    expect(overdue).toHaveClass('is-overdue');
    expect(within(rows[1]).getByRole('button', { name: 'Orders in warning, Guangzhou: 2' })).toHaveClass('is-warning');
    expect(within(rows[1]).getByRole('button', { name: 'Work orders not accepted in time, Guangzhou: 2' })).toHaveClass('is-overdue');

    await user.click(within(rows[1]).getByRole('button', { name: 'Guangzhou' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('pre-alarm-row').map((r) => r.dataset.organisationCode)).toEqual(['GZ', 'GZ-TH', 'GZ-YX']),
    );
    expect(screen.getByTestId('where')).toHaveTextContent('/monitoring/pre-alarm?org=2');
    const trail = screen.getByRole('navigation', { name: 'Organisation level' });
    expect(within(trail).getByRole('button', { name: 'Guangdong' })).toBeInTheDocument();
    expect(screen.getByTestId('pre-alarm-trail-current')).toHaveTextContent('Guangzhou');

    const yuexiu = screen.getAllByTestId('pre-alarm-row')[2];
    // Yuexiu has nothing below it in the tree: its name is not a button.
    expect(within(yuexiu).queryByRole('button', { name: 'Yuexiu' })).toBeNull();
    const zero = within(yuexiu).getAllByTestId('pre-alarm-count').find((c) => c.dataset.subject === 'ORDER' && c.dataset.measure === 'overdue');
    expect(zero?.tagName).toBe('SPAN');
    expect(zero).toHaveClass('count-zero');
  });

  it('opens the list behind a count and pages through it with cursors', async () => {
    const user = userEvent.setup();
    renderPage(
      [
        { request: { query: OrganisationsQuery }, result: { data: tree } },
        monitor('3', [...counts(th, [5, 0, 21], [7, 1, 4, 2]), ...counts(shipai, [5, 0, 21], [7, 1, 4, 2])]),
        quiet('3'),
        // Read twice: going back shows the cached page and reads it again.
        { ...ordersPage(null, Array.from({ length: 20 }, (_, i) => i + 1), true), maxUsageCount: 2 },
        ordersPage('c20', [21], false),
      ],
      { path: '/monitoring/pre-alarm?org=3' },
    );

    const count = await screen.findByRole('button', { name: 'Overdue orders, Tianhe Shipai grid: 21' });
    expect(count).toHaveAttribute('aria-expanded', 'false');
    count.focus();
    await user.keyboard('{Enter}');

    const list = await screen.findByTestId('pre-alarm-list');
    expect(count).toHaveAttribute('aria-expanded', 'true');
    expect(count).toHaveAttribute('aria-controls', list.id);
    expect(within(list).getByRole('heading', { level: 2 })).toHaveTextContent('Overdue orders · Tianhe Shipai grid');
    expect(screen.getByTestId('where')).toHaveTextContent('list=31.ORDER.overdue');
    expect(await within(list).findAllByTestId('pre-alarm-order-row')).toHaveLength(20);
    expect(within(list).getAllByTestId('pre-alarm-order-row')[0]).toHaveTextContent('O0000000001');
    expect(within(list).getAllByTestId('pre-alarm-order-row')[0]).toHaveTextContent('Removal');
    expect(within(list).getByTestId('list-pager')).toHaveTextContent('Rows 1–20 of 21');

    await user.click(within(list).getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(within(list).getAllByTestId('pre-alarm-order-row')).toHaveLength(1));
    expect(within(list).getByTestId('pre-alarm-order-row')).toHaveAttribute('data-order-no', 'O0000000021');
    expect(within(list).getByTestId('list-pager')).toHaveTextContent('Rows 21–21 of 21');
    expect(within(list).getByRole('button', { name: 'Next' })).toBeDisabled();

    // Back to the first page from the cursors already seen (served from the cache).
    await user.click(within(list).getByRole('button', { name: 'Previous' }));
    await waitFor(() => expect(within(list).getAllByTestId('pre-alarm-order-row')).toHaveLength(20));

    // The same count again closes the list.
    await user.click(count);
    expect(screen.queryByTestId('pre-alarm-list')).toBeNull();
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/monitoring\/pre-alarm\?org=3$/);
  });

  it('reads the counts again when an alarm arrives', async () => {
    renderPage(
      [
        { request: { query: OrganisationsQuery }, result: { data: tree } },
        monitor('3', [...counts(th, [5, 0, 1], [7, 0, 0, 0])]),
        {
          request: { query: AlarmChangedSubscription, variables: { filter: { organisationId: '3' } } },
          delay: 50,
          result: { data: { alarmChanged: { __typename: 'AlarmEvent', subject: 'ORDER', timeState: 'OVERDUE', acceptOverdue: false } } },
        },
        monitor('3', [...counts(th, [5, 0, 2], [7, 0, 0, 0])]),
      ],
      { path: '/monitoring/pre-alarm?org=3' },
    );
    expect(await screen.findByRole('button', { name: 'Overdue orders, Tianhe: 1' })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Overdue orders, Tianhe: 2' })).toBeInTheDocument();
  });

  it('says so when the organisation is outside the data permissions, with a way back to the top', async () => {
    const user = userEvent.setup();
    renderPage(
      [
        { request: { query: OrganisationsQuery }, result: { data: tree } },
        monitor('99', [], { result: { errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] } as never }),
        quiet('99'),
        monitor('1', counts(gd, [0, 0, 0], [0, 0, 0, 0])),
        quiet('1'),
      ],
      { path: '/monitoring/pre-alarm?org=99' },
    );
    const error = await screen.findByTestId('pre-alarm-error');
    expect(error).toHaveAttribute('data-code', 'NOT_FOUND');
    expect(error).toHaveTextContent('outside your data permissions');
    await user.click(within(error).getByRole('button', { name: 'Back to the top' }));
    await waitFor(() => expect(screen.getAllByTestId('pre-alarm-row')).toHaveLength(1));
    expect(screen.getAllByTestId('pre-alarm-count').every((c) => c.tagName === 'SPAN')).toBe(true);
  });

  it('tells a viewer without the orders permission instead of asking the API', () => {
    renderPage([], { viewer: viewerFixture({ permissions: [] }) });
    expect(screen.getByTestId('pre-alarm-forbidden')).toHaveTextContent('orders:read');
    expect(screen.queryByTestId('pre-alarm-table')).toBeNull();
  });
});
