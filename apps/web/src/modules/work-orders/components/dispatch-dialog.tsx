import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';
import { useDebouncedValue } from '../../staff/hooks/use-debounced-value';
import { dispatchTarget } from '../dispatch-target';
import { PositionStaffQuery } from '../graphql/dispatch-choices-queries';
import { DispatchWorkOrdersMutation } from '../graphql/work-order-actions';
import { ActionDialog } from '../../../components/action-dialog';
import { SearchSelect } from './search-select';
import type { WorkOrderRow } from './work-order-grid';
import { refusalText } from '../refusal-text';

const STAFF_SHOWN = 50;

/**
 * Dispatch (工单派发) of one or several work orders to a staff member holding their position. The
 * staff list comes from the API (`positionStaff`), filtered as the user types. A batch across
 * positions is refused by the server (MIXED_POSITIONS): the dialog warns and shows that answer.
 */
export function DispatchDialog({ workOrders, onClose, onDone }: { workOrders: WorkOrderRow[]; onClose: () => void; onDone: (staffName: string) => void }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const target = dispatchTarget(workOrders);
  const [search, setSearch] = useState('');
  const debounced = useDebouncedValue(search.trim(), 250);
  const [staffId, setStaffId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const staff = useQuery(PositionStaffQuery, {
    variables: { positionId: target.position?.id ?? '0', search: debounced || null, first: STAFF_SHOWN },
    skip: target.position === null,
    fetchPolicy: 'network-only',
  });
  const [dispatch, { loading }] = useMutation(DispatchWorkOrdersMutation);
  const options = (staff.data?.positionStaff ?? []).map((s) => ({ id: s.id, label: `${s.name} · ${s.staffNo} · ${localName(s.organisation, lng)}` }));
  const chosen = options.find((option) => option.id === staffId) ?? null;
  const numbers = workOrders.map((wo) => wo.workOrderNo).join(', ');

  async function submit() {
    if (!chosen) return setError(t('workOrders.dispatch.pickStaff'));
    setError(null);
    try {
      const outcome = (await dispatch({ variables: { input: { workOrderIds: workOrders.map((wo) => wo.id), staffId: chosen.id } } })).data?.dispatchWorkOrders;
      if (outcome?.ok) onDone(chosen.label.split(' · ')[0]);
      else setError(refusalText(t, outcome?.error));
    } catch (caught) {
      setError((caught as Error).message);
    }
  }

  return (
    <ActionDialog
      title={t(workOrders.length === 1 ? 'workOrders.dispatch.titleOne' : 'workOrders.dispatch.titleMany', { count: workOrders.length })}
      testId="dispatch"
      onClose={onClose}
      onSubmit={() => void submit()}
      submitLabel={t('workOrders.dispatch.submit')}
      submitDisabled={loading}
      error={error ?? (staff.error ? staff.error.message : null)}
    >
      <p className="dialog-subject" data-testid="dispatch-work-orders">
        {numbers}
      </p>
      <p className="muted">{target.position
          ? t(target.positionCount > 1 ? 'workOrders.dispatch.firstPosition' : 'workOrders.dispatch.position', { position: localName(target.position, lng) })
          : t('workOrders.dispatch.noPosition')}</p>
      {(target.positionCount > 1 || (target.unqueued > 0 && target.position !== null)) && (
        <p className="form-warning" data-testid="dispatch-mixed-warning">
          {t('workOrders.dispatch.mixedWarning', { count: target.positionCount + (target.unqueued > 0 ? 1 : 0) })}
        </p>
      )}
      <SearchSelect
        label={t('workOrders.dispatch.staff')}
        searchLabel={t('workOrders.dispatch.search')}
        search={search}
        onSearch={setSearch}
        options={options}
        value={staffId}
        onChange={setStaffId}
        loading={staff.loading}
        empty={target.position === null ? t('workOrders.dispatch.noPosition') : debounced ? t('workOrders.dispatch.noMatch') : t('workOrders.dispatch.noStaff')}
        testId="dispatch-staff"
      />
    </ActionDialog>
  );
}
