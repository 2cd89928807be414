import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';
import { useDebouncedValue } from '../../staff/hooks/use-debounced-value';
import { WorkOrderPositionsQuery } from '../graphql/dispatch-choices-queries';
import { AssignWorkOrderPositionMutation } from '../graphql/work-order-actions';
import { ActionDialog } from '../../../components/action-dialog';
import { SearchSelect } from './search-select';
import type { WorkOrderRow } from './work-order-grid';
import { refusalText } from '../refusal-text';

const POSITIONS_SHOWN = 100;

/**
 * Manual assignment of a construction position (人工派施工岗位) to work orders auto-dispatch could not
 * place. Offers the positions the API says serve every chosen work order's area; when there are none,
 * says so instead of offering an empty choice.
 */
export function AssignPositionDialog({ workOrders, onClose, onDone }: { workOrders: WorkOrderRow[]; onClose: () => void; onDone: (positionName: string) => void }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [search, setSearch] = useState('');
  const debounced = useDebouncedValue(search.trim(), 250);
  const [positionId, setPositionId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const positions = useQuery(WorkOrderPositionsQuery, {
    variables: { workOrderIds: workOrders.map((wo) => wo.id), search: debounced || null, first: POSITIONS_SHOWN },
    fetchPolicy: 'network-only',
  });
  const [assign] = useMutation(AssignWorkOrderPositionMutation);
  const options = (positions.data?.workOrderPositions ?? []).map((p) => ({ id: p.id, label: `${localName(p, lng)} (${p.code})` }));
  const noneAtAll = !positions.loading && !positions.error && !debounced && options.length === 0;
  const chosen = options.find((option) => option.id === positionId) ?? null;

  async function submit() {
    if (!chosen) return setError(t('workOrders.assign.pickPosition'));
    setError(null);
    setBusy(true);
    // The API assigns one work order at a time; each is its own decision, so one refusal does not stop the rest.
    const refused: string[] = [];
    try {
      for (const workOrder of workOrders) {
        const outcome = (await assign({ variables: { input: { workOrderId: workOrder.id, positionId: chosen.id } } })).data?.assignWorkOrderPosition;
        if (!outcome?.ok) refused.push(`${workOrder.workOrderNo}: ${refusalText(t, outcome?.error)}`);
      }
    } catch (caught) {
      refused.push((caught as Error).message);
    } finally {
      setBusy(false);
    }
    if (refused.length === 0) onDone(localName(positions.data!.workOrderPositions.find((p) => p.id === chosen.id)!, lng));
    else setError(t(refused.length === 1 ? 'workOrders.assign.refusedOne' : 'workOrders.assign.refusedMany', { count: refused.length, list: refused.join('; ') }));
  }

  return (
    <ActionDialog
      title={t(workOrders.length === 1 ? 'workOrders.assign.titleOne' : 'workOrders.assign.titleMany', { count: workOrders.length })}
      testId="assign"
      onClose={onClose}
      onSubmit={noneAtAll ? null : () => void submit()}
      submitLabel={t('workOrders.assign.submit')}
      submitDisabled={busy}
      error={error ?? (positions.error ? positions.error.message : null)}
    >
      <p className="dialog-subject" data-testid="assign-work-orders">
        {workOrders.map((wo) => wo.workOrderNo).join(', ')}
      </p>
      {noneAtAll ? (
        <div className="form-warning" role="status" data-testid="assign-no-position">
          <strong>{t('workOrders.assign.noPositionTitle')}</strong>
          <p>{t(workOrders.length === 1 ? 'workOrders.assign.noPositionBodyOne' : 'workOrders.assign.noPositionBodyMany', { count: workOrders.length })}</p>
        </div>
      ) : (
        <SearchSelect
          label={t('workOrders.assign.position')}
          searchLabel={t('workOrders.assign.search')}
          search={search}
          onSearch={setSearch}
          options={options}
          value={positionId}
          onChange={setPositionId}
          loading={positions.loading}
          empty={t('workOrders.assign.noMatch')}
          testId="assign-position"
        />
      )}
    </ActionDialog>
  );
}
