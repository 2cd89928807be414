import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { InstallerWorkOrderFragment } from '../../../generated/graphql';
import { createCache } from '../../../lib/apollo-cache';
import { ArriveAtWorkOrderMutation, ClaimWorkOrderMutation, CompleteWorkOrderMutation } from '../../work-orders/graphql/work-order-actions';
import { WorkOrderCard } from '../components/work-order-card';

const base = {
  id: '9',
  workOrderNo: 'O0009-INSTALL',
  state: 'PENDING',
  timeState: 'WARNING',
  acceptOverdue: false,
  dueAt: '2026-12-07T10:00:00.000Z',
  arrivedAt: null,
  exceptionTypes: ['ONT_SERIAL_MISMATCH', 'WRONG_ADDRESS', 'MANUAL'],
  exceptionTypeDetails: [
    { code: 'ONT_SERIAL_MISMATCH', name: '光猫串号不符', nameEn: 'ONT serial mismatch', manual: false },
    { code: 'WRONG_ADDRESS', name: '装机地址错误', nameEn: 'Wrong address', manual: false },
    { code: 'MANUAL', name: '人工异常', nameEn: 'Manual exception', manual: true },
  ],
  step: { id: 's', code: 'INSTALL', name: '装机', nameEn: 'Installation', kind: 'FIELD_WORK' },
  handler: null,
  position: { id: 'p1' },
  order: { id: 'o9', orderNo: 'O0009', customerName: '陈晓明', customerPhone: '13926045871', address: '天河区五山路1号', appointmentAt: null, latitude: 23.15, longitude: 113.35 },
} as InstallerWorkOrderFragment;

describe('WorkOrderCard (phone)', () => {
  it('shows the customer, the address and the time state, calls and navigates, and claims a work order of the team', async () => {
    const user = userEvent.setup();
    const onChanged = vi.fn();
    const claimed = vi.fn(() => ({ data: { claimWorkOrder: { __typename: 'WorkOrderActionResult', ok: true, error: null } } }));
    render(
      <MockedProvider mocks={[{ request: { query: ClaimWorkOrderMutation, variables: { input: { workOrderId: '9' } } }, result: claimed }]} cache={createCache()}>
        <WorkOrderCard workOrder={base} staffId="21" onChanged={onChanged} />
      </MockedProvider>,
    );
    expect(screen.getByRole('heading', { name: '陈晓明' })).toBeInTheDocument();
    expect(screen.getByText('天河区五山路1号')).toBeInTheDocument();
    expect(screen.getByText('Warning')).toBeInTheDocument();
    expect(screen.getByTestId('m-appointment')).toHaveTextContent('Not agreed yet');
    expect(screen.getByRole('link', { name: 'Call' })).toHaveAttribute('href', 'tel:13926045871');
    expect(screen.getByRole('link', { name: 'Navigate' }).getAttribute('href')).toContain('position=113.35,23.15');
    expect(screen.queryByRole('button', { name: 'Complete' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Claim' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith('Claimed O0009-INSTALL: it is yours now.'));
    expect(claimed).toHaveBeenCalledTimes(1);
  });

  it('completes my work order with one of the step’s field fault types (never the manual one), and shows a refusal', async () => {
    const user = userEvent.setup();
    const onChanged = vi.fn();
    const mine = { ...base, state: 'IN_PROGRESS', handler: { id: '21' } } as InstallerWorkOrderFragment;
    render(
      <MockedProvider
        mocks={[
          {
            request: { query: CompleteWorkOrderMutation, variables: { input: { workOrderId: '9', exceptionType: 'WRONG_ADDRESS', note: 'house number does not exist' } } },
            result: { data: { completeWorkOrder: { __typename: 'CompleteWorkOrderResult', ok: false, error: { __typename: 'UserError', code: 'NOT_HANDLER', message: 'Only the claimer may act.', field: null } } } },
          },
          {
            request: { query: CompleteWorkOrderMutation, variables: { input: { workOrderId: '9', exceptionType: 'WRONG_ADDRESS', note: 'house number does not exist' } } },
            result: { data: { completeWorkOrder: { __typename: 'CompleteWorkOrderResult', ok: true, error: null } } },
          },
        ]}
        cache={createCache()}
      >
        <WorkOrderCard workOrder={mine} staffId="21" onChanged={onChanged} />
      </MockedProvider>,
    );
    expect(screen.queryByRole('button', { name: 'Claim' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Complete' }));
    await user.click(screen.getByLabelText('Field fault'));
    const select = screen.getByLabelText('Fault');
    expect([...select.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['ONT serial mismatch', 'Wrong address']);
    await user.selectOptions(select, 'WRONG_ADDRESS');
    await user.type(screen.getByLabelText('Note'), 'house number does not exist');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Only the claimer may act.');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith('Completed O0009-INSTALL with a field fault.'));
  });

  it('says I have arrived on my work order in progress, once: afterwards it shows when', async () => {
    const user = userEvent.setup();
    const onChanged = vi.fn();
    const mine = { ...base, state: 'IN_PROGRESS', handler: { id: '21' } } as InstallerWorkOrderFragment;
    const arrived = vi.fn(() => ({ data: { arriveAtWorkOrder: { __typename: 'WorkOrderActionResult', ok: true, error: null } } }));
    const { rerender } = render(
      <MockedProvider mocks={[{ request: { query: ArriveAtWorkOrderMutation, variables: { input: { workOrderId: '9' } } }, result: arrived }]} cache={createCache()}>
        <WorkOrderCard workOrder={mine} staffId="21" onChanged={onChanged} />
      </MockedProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'I have arrived' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith('Arrival at O0009-INSTALL recorded.'));
    expect(arrived).toHaveBeenCalledTimes(1);
    rerender(
      <MockedProvider mocks={[]} cache={createCache()}>
        <WorkOrderCard workOrder={{ ...mine, arrivedAt: '2026-12-07T08:30:00.000Z' }} staffId="21" onChanged={onChanged} />
      </MockedProvider>,
    );
    expect(screen.queryByRole('button', { name: 'I have arrived' })).toBeNull();
    expect(screen.getByTestId('m-arrived-at')).toHaveTextContent(/2026-12-07/);
    // Not mine, or not yet claimed: nothing to arrive at.
    rerender(
      <MockedProvider mocks={[]} cache={createCache()}>
        <WorkOrderCard workOrder={base} staffId="21" onChanged={onChanged} />
      </MockedProvider>,
    );
    expect(screen.queryByRole('button', { name: 'I have arrived' })).toBeNull();
  });
});
