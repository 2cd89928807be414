import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { countsByKind, SyncReport } from '../components/sync-report';

const work = { orderNo: 'O0007', workOrderNo: 'O0007-INSTALL', stepCode: 'INSTALL', stepName: '装机', stepNameEn: 'Installation', state: 'IN_PROGRESS' as const, handler: 'GZ20207 何玲敏' };

describe('SyncReport', () => {
  it('counts the applied changes by kind and lists the refused ones with the work that stopped them', () => {
    render(
      <SyncReport
        result={{
          ok: true,
          error: null,
          at: '2026-12-06T09:00:00.000Z',
          applied: [
            { kind: 'TEAM_UPDATED', subject: 'GZ-TH-01.TEAM 天河区石牌装维组', detail: 'linked to MT-T-GZ-TH-01' },
            { kind: 'TEAM_UPDATED', subject: 'GZ-TH-02.TEAM 天河区五山装维组', detail: 'linked to MT-T-GZ-TH-02' },
            { kind: 'STAFF_CREATED', subject: 'GZ20108 钟新', detail: 'created in GZ-TH-02 (no login account yet)' },
          ],
          refused: [{ kind: 'STAFF_DEACTIVATED', subject: 'GZ20207 何玲敏', reason: 'GZ20207 何玲敏 cannot be deactivated: they still hold in-flight work: O0007-INSTALL INSTALL IN_PROGRESS.', inFlight: [work] }],
        }}
        onClose={() => undefined}
      />,
    );
    expect(screen.getByTestId('sync-summary')).toHaveTextContent('3 changes applied, 1 refused');
    expect(within(screen.getByTestId('sync-counts')).getAllByText(/×/).map((badge) => badge.textContent)).toEqual(['Team updated × 2', 'Staff created × 1']);
    const refused = screen.getByTestId('sync-refused');
    expect(refused).toHaveTextContent('GZ20207 何玲敏');
    expect(within(refused).getByTestId('sync-refused-work-row')).toHaveAttribute('data-work-order-no', 'O0007-INSTALL');
  });

  it('says nothing was changed when the maintenance system failed', () => {
    render(<SyncReport result={{ ok: false, error: { code: 'EXTERNAL_FAILURE', message: 'x' }, at: null, applied: [], refused: [] }} onClose={() => undefined} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Nothing was changed');
  });

  it('counts kinds in the order they first appear', () => {
    expect(countsByKind([{ kind: 'B' }, { kind: 'A' }, { kind: 'B' }])).toEqual([['B', 2], ['A', 1]]);
  });
});
