import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createCache } from '../../../lib/apollo-cache';
import { organisation } from '../../../test/fixtures';
import { OnlineStaffChangedSubscription } from '../graphql/online-staff-changed-subscription';
import { OnlineStaffQuery } from '../graphql/online-staff-query';
import { OnlineStaffPage } from '../routes/online-staff-page';

const tianhe = organisation('o1', '天河区分公司', 'Tianhe District');

function online(sessionId: string, staffNo: string, name: string) {
  return {
    __typename: 'OnlineStaff',
    sessionId,
    hostAddress: '10.1.2.3',
    loginAt: '2026-11-22T08:00:00.000Z',
    lastSeenAt: '2026-11-22T08:05:00.000Z',
    staff: { __typename: 'Staff', id: `id-${staffNo}`, staffNo, name, organisation: tianhe },
  };
}

describe('OnlineStaffPage', () => {
  it('lists who is online and drops a row when its session logs out', async () => {
    const mocks: MockLink.MockedResponse[] = [
      {
        request: { query: OnlineStaffQuery },
        result: { data: { onlineStaff: [online('sess-1', 'GZ0001', '张三'), online('sess-2', 'GZ0002', '李四')] } },
      },
      {
        request: { query: OnlineStaffChangedSubscription },
        delay: 50,
        result: {
          data: {
            onlineStaffChanged: {
              __typename: 'OnlineStaffEvent',
              change: 'LOGGED_OUT',
              sessionId: 'sess-2',
              staff: { __typename: 'Staff', id: 'id-GZ0002', staffNo: 'GZ0002', name: '李四' },
            },
          },
        },
      },
    ];
    render(
      <MockedProvider mocks={mocks} cache={createCache()}>
        <OnlineStaffPage />
      </MockedProvider>,
    );

    const rows = await screen.findAllByTestId('online-staff-row');
    expect(rows.map((r) => r.getAttribute('data-staff-no'))).toEqual(['GZ0001', 'GZ0002']);
    expect(rows[0]).toHaveTextContent('Tianhe District');
    expect(rows[0]).toHaveTextContent('10.1.2.3');

    await waitFor(() => expect(screen.getAllByTestId('online-staff-row')).toHaveLength(1));
    expect(screen.getByTestId('online-staff-row')).toHaveAttribute('data-staff-no', 'GZ0001');
    expect(screen.getByTestId('online-staff-count')).toHaveTextContent('Online: 1');
    expect(screen.getByTestId('live-indicator')).toBeInTheDocument();
  });
});
