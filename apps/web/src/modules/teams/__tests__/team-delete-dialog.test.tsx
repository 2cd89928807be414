import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { TeamRowFragment } from '../../../generated/graphql';
import { createCache } from '../../../lib/apollo-cache';
import { TeamDeleteDialog } from '../components/team-delete-dialog';
import { DeleteTeamMutation } from '../graphql/teams-documents';

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

const team = {
  __typename: 'Team',
  id: '5',
  code: 'GZ-TH-01.TEAM',
  name: '天河区石牌装维组',
  nameEn: 'Tianhe Shipai installation team',
  externalId: null,
  active: true,
  syncedAt: null,
  organisation: { __typename: 'Organisation', id: '9', name: '石牌', nameEn: 'Shipai' },
  position: { __typename: 'Position', id: '40', code: 'GZ-TH-01.INSTALL' },
  leader: null,
  members: [],
} as TeamRowFragment;

describe('TeamDeleteDialog', () => {
  it('keeps the dialog open on an IN_FLIGHT refusal and lists the work orders (number, step, state, holder)', async () => {
    const user = userEvent.setup();
    const onDeleted = vi.fn();
    const message = 'Team GZ-TH-01.TEAM cannot be deleted: it still holds in-flight work: O0001-INSTALL INSTALL IN_PROGRESS.';
    render(
      <MockedProvider
        mocks={[
          {
            request: { query: DeleteTeamMutation, variables: { input: { id: '5' } } },
            result: {
              data: {
                deleteTeam: {
                  __typename: 'TeamResult',
                  ok: false,
                  error: { __typename: 'UserError', code: 'IN_FLIGHT', message, field: 'id' },
                  inFlight: [
                    { __typename: 'InFlightWork', orderNo: 'O0001', workOrderNo: 'O0001-INSTALL', stepCode: 'INSTALL', stepName: '装机', stepNameEn: 'Installation', state: 'IN_PROGRESS', handler: 'GZ0201 王装维' },
                    { __typename: 'InFlightWork', orderNo: 'O0002', workOrderNo: null, stepCode: 'ONSITE_TEST', stepName: '上门测试', stepNameEn: 'On-site test', state: 'PLANNED', handler: null },
                  ],
                },
              },
            },
          },
        ]}
        cache={createCache()}
      >
        <TeamDeleteDialog team={team} onClose={() => undefined} onDeleted={onDeleted} />
      </MockedProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const refusal = await screen.findByTestId('team-delete-refusal');
    expect(within(refusal).getByText(message)).toBeInTheDocument();
    const rows = within(refusal).getAllByTestId('team-delete-refusal-work-row');
    expect(rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent))).toEqual([
      ['O0001-INSTALL', 'O0001', 'Installation', 'In progress', 'GZ0201 王装维'],
      ['Planned handler', 'O0002', 'On-site test', 'Handler chosen in advance', '—'],
    ]);
    expect(onDeleted).not.toHaveBeenCalled();
    expect(screen.getByTestId('team-delete-dialog')).toHaveAttribute('open');
  });
});
