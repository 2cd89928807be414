import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ViewerContext, type ActiveViewer } from '../../../app/session/viewer-context';
import { createCache } from '../../../lib/apollo-cache';
import { viewerFixture } from '../../../test/fixtures';
import { FailedCrmMessagesQuery } from '../graphql/failed-crm-messages-query';
import { FailedInterfaceRequestsQuery } from '../graphql/failed-interface-requests-query';
import { InterfaceMonitorQuery } from '../graphql/interface-monitor-query';
import { ResendInterfaceRequestMutation } from '../graphql/resend-interface-request-mutation';
import { InterfaceMonitorPage } from '../routes/interface-monitor-page';

const row = (name: string, kind: string, succeeded: number, failed: number, pending: number) => ({
  __typename: 'InterfaceMonitorRow',
  interface: name,
  kind,
  succeeded,
  failed,
  pending,
});

const monitor = (rows: unknown[]): MockLink.MockedResponse => ({
  request: { query: InterfaceMonitorQuery },
  result: { data: { interfaceMonitor: rows } },
});

const request = (id: string, orderNo: string) => ({
  __typename: 'InterfaceRequestEdge',
  cursor: `c${id}`,
  node: {
    __typename: 'InterfaceRequest',
    id,
    system: 'PROVISIONING',
    kind: 'NETWORK_MGMT',
    state: 'FAILED',
    attempts: 3,
    lastError: `network element refused NETWORK_MGMT for ${orderNo}: device busy`,
    createdAt: '2026-11-22T03:00:00.000Z',
    completedAt: '2026-11-22T03:00:08.000Z',
    order: { __typename: 'Order', id: `o${id}`, orderNo },
  },
});

const failedRequests = (edges: unknown[]): MockLink.MockedResponse => ({
  request: {
    query: FailedInterfaceRequestsQuery,
    variables: { filter: { system: 'PROVISIONING', kind: 'NETWORK_MGMT', state: 'FAILED' }, first: 20, after: null },
  },
  result: {
    data: {
      interfaceRequests: {
        __typename: 'InterfaceRequestConnection',
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        edges,
      },
    },
  },
});

const resend = (id: string, answer: { ok: boolean; code?: string }): MockLink.MockedResponse => ({
  request: { query: ResendInterfaceRequestMutation, variables: { input: { id } } },
  result: {
    data: {
      resendInterfaceRequest: {
        __typename: 'ResendInterfaceRequestResult',
        ok: answer.ok,
        error: answer.code ? { __typename: 'UserError', code: answer.code, message: 'no' } : null,
      },
    },
  },
});

const admin = viewerFixture({ permissions: ['interfaces:monitor', 'interfaces:resend'] });

function renderPage(mocks: MockLink.MockedResponse[], { path = '/monitoring/interfaces', viewer = admin } = {}) {
  return render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <ViewerContext value={viewer as ActiveViewer}>
        <MemoryRouter initialEntries={[path]}>
          <InterfaceMonitorPage />
        </MemoryRouter>
      </ViewerContext>
    </MockedProvider>,
  );
}

const counts = [
  row('CRM_INBOUND', 'ORDER', 15, 2, 0),
  row('RESOURCE', 'WIRING', 3, 0, 1),
  row('PROVISIONING', 'NETWORK_MGMT', 6, 2, 0),
];

describe('InterfaceMonitorPage', () => {
  it('shows every interface with its counts, and the refused CRM messages with their reasons', async () => {
    const user = userEvent.setup();
    renderPage([
      monitor(counts),
      {
        request: { query: FailedCrmMessagesQuery, variables: { first: 20, after: null } },
        result: {
          data: {
            crmInboundMessages: {
              __typename: 'CrmInboundMessageConnection',
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c12' },
              edges: [
                {
                  __typename: 'CrmInboundMessageEdge',
                  cursor: 'c12',
                  node: {
                    __typename: 'CrmInboundMessage',
                    id: '12',
                    format: 'XML',
                    state: 'FAILED',
                    crmOrderCode: null,
                    failureReason: 'XML is not well-formed at line 1',
                    attempts: 1,
                    receivedAt: '2026-11-22T03:00:00.000Z',
                    processedAt: '2026-11-22T03:00:01.000Z',
                  },
                },
              ],
            },
          },
        },
      },
    ]);

    const groups = await screen.findAllByTestId('interface-group');
    expect(groups.map((g) => g.dataset.interface)).toEqual(['CRM_INBOUND', 'RESOURCE', 'PROVISIONING', 'CRM_OUTBOUND', 'SWITCH']);
    expect(groups[3]).toHaveTextContent('CRM outbound (notices)');
    expect(groups[3]).toHaveTextContent('No requests yet');
    expect(within(groups[1]).getByTestId('interface-pending')).toHaveAttribute('data-count', '1');
    // No failure, nothing to open.
    expect(within(groups[1]).queryByRole('button')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Failed, CRM inbound (orders), Order messages: 2' }));
    const list = await screen.findByTestId('interface-failed-list');
    expect(within(list).getByRole('heading', { level: 2 })).toHaveTextContent('Failed records: CRM inbound (orders) · Order messages');
    const message = await within(list).findByTestId('failed-crm-message-row');
    expect(within(message).getByTestId('failure-reason')).toHaveTextContent('XML is not well-formed at line 1');
    // Refused messages are not re-sent from here.
    expect(within(list).queryByRole('button', { name: /Re-send/ })).toBeNull();
  });

  it('re-sends a failed request and says what came of it', async () => {
    const user = userEvent.setup();
    renderPage(
      [
        monitor(counts),
        failedRequests([request('27', 'O0000000010'), request('26', 'O0000000008')]),
        resend('27', { ok: true }),
        // Read again after the re-send: one failure left.
        monitor(counts.map((r) => (r.kind === 'NETWORK_MGMT' ? { ...r, failed: 1, pending: 1 } : r))),
        failedRequests([request('26', 'O0000000008')]),
        resend('26', { ok: false, code: 'NOT_FAILED' }),
        monitor(counts),
        failedRequests([request('26', 'O0000000008')]),
      ],
      { path: '/monitoring/interfaces?list=PROVISIONING.NETWORK_MGMT' },
    );

    const list = await screen.findByTestId('interface-failed-list');
    expect(await within(list).findAllByTestId('failed-request-row')).toHaveLength(2);
    expect(within(list).getAllByTestId('failed-request-row')[0]).toHaveTextContent('O0000000010');
    expect(await screen.findByRole('button', { name: 'Failed, Provisioning, Network management: 2' })).toHaveAttribute('aria-expanded', 'true');

    await user.click(within(list).getByRole('button', { name: 'Re-send request 27 of order O0000000010' }));
    await waitFor(() => expect(within(list).getByTestId('resend-outcome')).toHaveAttribute('data-state', 'ok'));
    expect(within(list).getByTestId('resend-outcome')).toHaveTextContent('Request 27 is queued again.');
    await waitFor(() => expect(within(list).getAllByTestId('failed-request-row')).toHaveLength(1));
    expect(await screen.findByRole('button', { name: 'Failed, Provisioning, Network management: 1' })).toBeInTheDocument();

    await user.click(within(list).getByRole('button', { name: 'Re-send request 26 of order O0000000008' }));
    await waitFor(() => expect(within(list).getByTestId('resend-outcome')).toHaveAttribute('data-state', 'failed'));
    expect(within(list).getByTestId('resend-outcome')).toHaveTextContent('Request 26 has not failed (any more)');
  });

  it('counts switch commands by action, and sends their failures to the screen of the batches that sent them', async () => {
    const user = userEvent.setup();
    const billing = viewerFixture({ permissions: ['interfaces:monitor'], menus: ['monitoring.interfaces', 'billing.arrears'] });
    const { unmount } = renderPage([monitor([...counts, row('SWITCH', 'SUSPEND', 40, 3, 2), row('SWITCH', 'RESTRICT_OUTGOING', 5, 1, 0)])], { viewer: billing });
    const group = (await screen.findAllByTestId('interface-group')).find((g) => g.dataset.interface === 'SWITCH') as HTMLElement;
    expect(group).toHaveTextContent('Switch (commands)');
    expect(group).toHaveTextContent('Suspend (arrears)');
    await user.click(within(group).getByRole('button', { name: 'Failed, Switch (commands), Suspend (arrears): 3' }));
    const list = await screen.findByTestId('interface-failed-list');
    expect(within(list).getByTestId('switch-failures')).toHaveTextContent('Failed Suspend (arrears) commands: 3.');
    expect(within(list).getByRole('link', { name: 'Open Arrears' })).toHaveAttribute('href', '/billing/arrears');
    unmount();

    // Call restrictions are re-sent on the call-permission screen, which this viewer does not have.
    renderPage([monitor([...counts, row('SWITCH', 'RESTRICT_OUTGOING', 5, 1, 0)])], { viewer: billing, path: '/monitoring/interfaces?list=SWITCH.RESTRICT_OUTGOING' });
    expect(await screen.findByTestId('switch-failures-no-menu')).toHaveTextContent('Call permissions');
    expect(screen.queryByRole('link', { name: /Call permissions/ })).toBeNull();
  });

  it('offers no re-send to a viewer without the permission', async () => {
    renderPage([monitor(counts), failedRequests([request('27', 'O0000000010')])], {
      path: '/monitoring/interfaces?list=PROVISIONING.NETWORK_MGMT',
      viewer: viewerFixture({ permissions: ['interfaces:monitor'] }),
    });
    expect(await screen.findByTestId('failed-request-row')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Re-send/ })).toBeNull();
  });

  it('shows a failure to load with a retry, and no query for a viewer who may not monitor', async () => {
    const user = userEvent.setup();
    const { unmount } = renderPage([
      { request: { query: InterfaceMonitorQuery }, error: new Error('offline') },
      monitor(counts),
    ]);
    const error = await screen.findByTestId('interface-monitor-error');
    expect(error).toHaveTextContent('Could not load the interface counts.');
    await user.click(within(error).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('interface-monitor-table')).toBeInTheDocument();
    unmount();

    renderPage([], { viewer: viewerFixture({ permissions: ['orders:read'] }) });
    expect(screen.getByTestId('interface-monitor-forbidden')).toHaveTextContent('interfaces:monitor');
  });
});
