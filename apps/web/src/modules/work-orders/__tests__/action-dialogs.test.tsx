import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createCache } from '../../../lib/apollo-cache';
import { AssignPositionDialog } from '../components/assign-position-dialog';
import { BatchCompleteDialog } from '../components/batch-complete-dialog';
import { CompleteDialog } from '../components/complete-dialog';
import { DispatchDialog } from '../components/dispatch-dialog';
import { ManualExceptionDialog } from '../components/manual-exception-dialog';
import type { WorkOrderRow } from '../components/work-order-grid';
import { dispatchTarget } from '../dispatch-target';
import { PositionStaffQuery, WorkOrderPositionsQuery } from '../graphql/dispatch-choices-queries';
import { CompleteWorkOrderMutation, CompleteWorkOrdersMutation, DispatchWorkOrdersMutation, HandleManualExceptionMutation } from '../graphql/work-order-actions';

// jsdom has no modal dialogs: open/close by attribute, with the close event the dialogs listen to.
beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
});

const position = (id: string, nameEn: string) => ({ __typename: 'Position' as const, id, name: nameEn, nameEn });

function row(id: string, pos: ReturnType<typeof position> | null, exceptionTypes = ['MANUAL']): WorkOrderRow {
  return {
    __typename: 'WorkOrder',
    id,
    workOrderNo: `O${id.padStart(4, '0')}-INSTALL`,
    state: 'PENDING',
    timeState: 'NORMAL',
    acceptOverdue: false,
    createdAt: '2026-11-22T01:00:00.000Z',
    dueAt: null,
    deferredTo: null,
    exceptionTypes,
    offlineActivation: null,
    step: { __typename: 'WorkflowStep', id: 's1', code: 'INSTALL', name: '装机', nameEn: 'Installation', kind: 'FIELD_WORK' },
    position: pos,
    handler: null,
    order: { __typename: 'Order', id: `o${id}`, orderNo: `O${id}`, customerName: '陈晓明', customerPhone: '13926045871', address: '天河区' },
  } as WorkOrderRow;
}

const shipai = position('7', 'Shipai installers');
const tianhe = position('3', 'Tianhe dispatch center');

function renderWith(mocks: MockLink.MockedResponse[], ui: ReactNode) {
  return render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      {ui}
    </MockedProvider>,
  );
}

const staffOf = (positionId: string, search: string | null, people: [string, string, string][]): MockLink.MockedResponse => ({
  request: { query: PositionStaffQuery, variables: { positionId, search, first: 50 } },
  result: {
    data: {
      positionStaff: people.map(([id, staffNo, name]) => ({ __typename: 'Staff', id, staffNo, name, organisation: { __typename: 'Organisation', id: 'g1', name: '石牌网格', nameEn: 'Shipai grid' } })),
    },
  },
});

describe('dispatchTarget', () => {
  it('offers the staff of the position the work orders are queued at, and counts the positions a batch spans', () => {
    expect(dispatchTarget([row('1', shipai), row('2', shipai)])).toEqual({ position: shipai, positionCount: 1, unqueued: 0 });
    expect(dispatchTarget([row('1', null), row('2', shipai), row('3', tianhe)])).toEqual({ position: shipai, positionCount: 2, unqueued: 1 });
    expect(dispatchTarget([row('1', null)])).toEqual({ position: null, positionCount: 0, unqueued: 1 });
  });
});

describe('DispatchDialog', () => {
  it('narrows the staff list as one types and dispatches the whole batch to the chosen person', async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    const dispatched = vi.fn(() => ({ data: { dispatchWorkOrders: { __typename: 'WorkOrderActionResult', ok: true, error: null, workOrders: [] } } }));
    renderWith(
      [
        staffOf('7', null, [['21', 'GZ0201', '王装维'], ['22', 'GZ20001', '张涛彬']]),
        staffOf('7', '0201', [['21', 'GZ0201', '王装维']]),
        { request: { query: DispatchWorkOrdersMutation, variables: { input: { workOrderIds: ['1', '2'], staffId: '21' } } }, result: dispatched },
      ],
      <DispatchDialog workOrders={[row('1', shipai), row('2', shipai)]} onClose={() => undefined} onDone={onDone} />,
    );
    const dialog = screen.getByTestId('dispatch-dialog');
    expect(within(dialog).getByRole('heading')).toHaveTextContent('Dispatch 2 work orders');
    expect(await within(dialog).findAllByRole('option')).toHaveLength(2);
    expect(within(dialog).queryByTestId('dispatch-mixed-warning')).toBeNull();

    await user.type(within(dialog).getByLabelText('Find staff (number or name)'), '0201');
    await waitFor(() => expect(within(dialog).getAllByRole('option')).toHaveLength(1));
    // Nothing chosen yet: the dialog says so instead of sending.
    await user.click(within(dialog).getByRole('button', { name: 'Dispatch' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Choose a staff member.');
    await user.selectOptions(within(dialog).getByLabelText('Staff member'), '21');
    await user.click(within(dialog).getByRole('button', { name: 'Dispatch' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('王装维'));
    expect(dispatched).toHaveBeenCalledTimes(1);
  });

  it('warns about a batch across positions and shows the server’s MIXED_POSITIONS refusal', async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    const message = 'Batch dispatch needs work orders of one position; these are not: O0001-INSTALL (position 7), O0002-INSTALL (position 3).';
    renderWith(
      [
        staffOf('7', null, [['21', 'GZ0201', '王装维']]),
        {
          request: { query: DispatchWorkOrdersMutation, variables: { input: { workOrderIds: ['1', '2'], staffId: '21' } } },
          result: { data: { dispatchWorkOrders: { __typename: 'WorkOrderActionResult', ok: false, error: { __typename: 'UserError', code: 'MIXED_POSITIONS', message, field: 'workOrderIds' }, workOrders: [] } } },
        },
      ],
      <DispatchDialog workOrders={[row('1', shipai), row('2', tianhe)]} onClose={() => undefined} onDone={onDone} />,
    );
    expect(screen.getByTestId('dispatch-mixed-warning')).toHaveTextContent('The selection spans 2 positions');
    await screen.findByRole('option', { name: /王装维/ });
    await user.selectOptions(screen.getByLabelText('Staff member'), '21');
    await user.click(screen.getByRole('button', { name: 'Dispatch' }));
    expect(await screen.findByTestId('dispatch-error')).toHaveTextContent(`${message} (MIXED_POSITIONS)`);
    expect(onDone).not.toHaveBeenCalled();
    expect(screen.getByTestId('dispatch-dialog')).toHaveAttribute('open');
  });
});

describe('BatchCompleteDialog', () => {
  it('lists each work order by number: completed, or refused with the reason', async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    renderWith(
      [
        {
          request: { query: CompleteWorkOrdersMutation, variables: { input: { workOrderIds: ['1', '2'], note: 'done in one visit' } } },
          result: {
            data: {
              completeWorkOrders: {
                __typename: 'CompleteWorkOrdersResult',
                completed: 1,
                failed: 1,
                rows: [
                  { __typename: 'WorkOrderCompletionRow', workOrderId: '1', ok: true, error: null },
                  { __typename: 'WorkOrderCompletionRow', workOrderId: '2', ok: false, error: { __typename: 'UserError', code: 'NOT_YOUR_WORK_ORDER', message: 'Work order 2 is locked to another staff member.' } },
                ],
              },
            },
          },
        },
      ],
      <BatchCompleteDialog workOrders={[row('1', shipai), row('2', shipai)]} onClose={() => undefined} onDone={onDone} />,
    );
    await user.type(screen.getByLabelText('Note'), 'done in one visit');
    await user.click(screen.getByRole('button', { name: 'Complete 2' }));
    const summary = await screen.findByTestId('batch-complete-summary');
    expect(summary).toHaveTextContent('1 completed, 1 refused');
    const rows = within(summary).getAllByTestId('batch-complete-row');
    expect(rows.map((r) => [...(r as HTMLTableRowElement).cells].map((cell) => cell.textContent))).toEqual([
      ['O0001-INSTALL', 'Completed'],
      ['O0002-INSTALL', 'Work order 2 is locked to another staff member. (NOT_YOUR_WORK_ORDER)'],
    ]);
    expect(onDone).toHaveBeenCalledWith(1);
    // Only Close remains once the result is shown.
    expect(screen.queryByRole('button', { name: 'Complete 2' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Close' })).toBeInTheDocument();
  });
});

describe('CompleteDialog', () => {
  const completed = { data: { completeWorkOrder: { __typename: 'CompleteWorkOrderResult', ok: true, error: null } } };

  it('completes an offline activation with the device, port and VLAN typed in, showing the port the resource system assigned', async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    const sent = vi.fn(() => completed);
    const offline = { ...row('5', tianhe, ['REJECT_TO_REVIEW', 'REJECT_TO_CRM', 'MANUAL']), offlineActivation: { __typename: 'OfflineActivationTarget' as const, device: 'OLT-3', port: 'OLT-3/1/5/17' } };
    renderWith(
      [{ request: { query: CompleteWorkOrderMutation, variables: { input: { workOrderId: '5', exceptionType: null, note: null, offlineActivation: { device: 'OLT-3', port: 'OLT-3/1/5/17', vlan: 1024 } } } }, result: sent }],
      <CompleteDialog workOrder={offline} onClose={() => undefined} onDone={onDone} />,
    );
    const fields = screen.getByTestId('complete-offline-activation');
    expect(fields).toHaveTextContent('Must match the resources of the order: port OLT-3/1/5/17 on OLT-3.');
    await user.type(within(fields).getByLabelText('Device (OLT)'), 'OLT-3');
    await user.type(within(fields).getByLabelText('Port'), 'OLT-3/1/5/17');
    await user.type(within(fields).getByLabelText('VLAN'), '1024');
    await user.click(screen.getByRole('button', { name: 'Complete' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it('asks for the reason CRM is told when rejecting to CRM, and sends no activation data with an exception', async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    const sent = vi.fn(() => completed);
    const review = { ...row('6', tianhe, ['RETRY_ACTIVATION', 'REJECT_TO_CRM', 'MANUAL']), offlineActivation: { __typename: 'OfflineActivationTarget' as const, device: 'OLT-3', port: 'OLT-3/1/5/17' } };
    renderWith(
      [{ request: { query: CompleteWorkOrderMutation, variables: { input: { workOrderId: '6', exceptionType: 'REJECT_TO_CRM', note: '端口资源不足', offlineActivation: null } } }, result: sent }],
      <CompleteDialog workOrder={review} onClose={() => undefined} onDone={onDone} />,
    );
    await user.click(screen.getByTestId('complete-exception'));
    expect(screen.queryByTestId('complete-offline-activation')).toBeNull();
    await user.selectOptions(screen.getByTestId('complete-exception-type'), 'REJECT_TO_CRM');
    expect(screen.getByText('The order ends rejected: its other work orders are cancelled and CRM is told the reason.')).toBeVisible();
    const reason = screen.getByLabelText('Reason (sent to CRM)');
    expect(reason).toBeRequired();
    await user.type(reason, '端口资源不足');
    await user.click(screen.getByRole('button', { name: 'Complete' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(sent).toHaveBeenCalledTimes(1);
  });
});

describe('AssignPositionDialog', () => {
  it('says clearly that no construction position can be offered, with nothing to submit', async () => {
    renderWith(
      [{ request: { query: WorkOrderPositionsQuery, variables: { workOrderIds: ['1'], search: null, first: 100 } }, result: { data: { workOrderPositions: [] } } }],
      <AssignPositionDialog workOrders={[row('1', null)]} onClose={() => undefined} onDone={() => undefined} />,
    );
    const none = await screen.findByTestId('assign-no-position');
    expect(none).toHaveTextContent('No construction position available');
    expect(none).toHaveTextContent('an order without a business area is served by none');
    expect(screen.queryByRole('button', { name: 'Assign' })).toBeNull();
  });
});

describe('ManualExceptionDialog', () => {
  const handled = (input: object) => ({
    request: { query: HandleManualExceptionMutation, variables: { input } },
    result: { data: { handleManualException: { __typename: 'WorkOrderActionResult', ok: true, error: null } } },
  });

  it('sends the picked exception type, or none for a transfer', async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    const parked = { ...row('5', shipai, ['LINE_FAULT', 'WRONG_ADDRESS', 'MANUAL']), state: 'MANUAL_EXCEPTION' as const };
    const view = renderWith(
      [handled({ workOrderId: '5', action: 'PICK_EXCEPTION', exceptionType: 'WRONG_ADDRESS', note: null })],
      <ManualExceptionDialog workOrder={parked} onClose={() => undefined} onDone={onDone} />,
    );
    expect(screen.getByLabelText('Exception type')).toHaveValue('LINE_FAULT');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Line fault (redo wiring)', 'Wrong address']);
    await user.selectOptions(screen.getByLabelText('Exception type'), 'WRONG_ADDRESS');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('PICK_EXCEPTION'));
    view.unmount();

    renderWith(
      [handled({ workOrderId: '5', action: 'BUSINESS_OFFICE', exceptionType: null, note: 'needs a new contract' })],
      <ManualExceptionDialog workOrder={parked} onClose={() => undefined} onDone={onDone} />,
    );
    await user.click(screen.getByLabelText('Transfer to the business office'));
    expect(screen.queryByLabelText('Exception type')).toBeNull();
    await user.type(screen.getByLabelText('Note'), 'needs a new contract');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('BUSINESS_OFFICE'));
  });

  it('offers only the transfers when the step has no exception flow', () => {
    renderWith([], <ManualExceptionDialog workOrder={row('6', tianhe)} onClose={() => undefined} onDone={() => undefined} />);
    expect(screen.getByLabelText('Pick an exception')).toBeDisabled();
    expect(screen.getByLabelText('Transfer to customer contact')).toBeChecked();
    expect(screen.getByText('This step has no exception flow to pick: transfer it instead.')).toBeInTheDocument();
  });
});
