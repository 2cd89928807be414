import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OperateOnly } from '../../../app/session/menu-access';
import type { MapStaffFieldsFragment, MapWorkOrderFieldsFragment } from '../../../generated/graphql';
import { MapDispatchMutation, SendStaffMessageMutation } from '../graphql/dispatch-map-documents';
import { WORK_ORDER_STATE_COLOURS } from '../lib/work-order-colours';

interface Props {
  staff: readonly MapStaffFieldsFragment[];
  workOrders: readonly MapWorkOrderFieldsFragment[];
  truncated: boolean;
  /** Staff ticked: message receivers and the staff to play back. */
  checked: ReadonlySet<string>;
  onChecked(next: Set<string>): void;
  onFocus(item: { longitude: number; latitude: number }): void;
  /** After an assignment: the map and the list re-read. */
  onAssigned(): void;
}

type Note = { ok: boolean; text: string };

/** The staff and work orders inside the selected box: message them, assign a work order to one of them. */
export function SelectionPanel({ staff, workOrders, truncated, checked, onChecked, onFocus, onAssigned }: Props) {
  const { t } = useTranslation();
  const [workOrderId, setWorkOrderId] = useState<string | null>(null);
  const [assignee, setAssignee] = useState<string>('');
  const [text, setText] = useState('');
  const [note, setNote] = useState<Note | null>(null);
  const [send, sending] = useMutation(SendStaffMessageMutation);
  const [dispatch, dispatching] = useMutation(MapDispatchMutation);
  const ids = { message: useId(), assignee: useId(), staff: useId(), orders: useId() };
  const selectedOrder = workOrders.find((w) => w.id === workOrderId) ?? null;

  const toggle = (staffId: string) => {
    const next = new Set(checked);
    if (next.has(staffId)) next.delete(staffId);
    else next.add(staffId);
    onChecked(next);
  };

  const onSend = async (event: FormEvent) => {
    event.preventDefault();
    const receivers = staff.filter((s) => checked.has(s.staffId)).map((s) => s.staffId);
    if (receivers.length === 0 || text.trim() === '') return;
    const result = await send({ variables: { input: { staffIds: receivers, text: text.trim(), workOrderId: selectedOrder?.id ?? null } } }).catch(() => null);
    const outcome = result?.data?.sendStaffMessage;
    if (outcome && !outcome.error) {
      setNote({ ok: true, text: t('dispatchMap.messageSent', { count: outcome.sent }) });
      setText('');
    } else setNote({ ok: false, text: outcome?.error?.message ?? t('common.loadFailed') });
  };

  const onAssign = async (event: FormEvent) => {
    event.preventDefault();
    if (!selectedOrder || !assignee) return;
    const result = await dispatch({ variables: { input: { workOrderIds: [selectedOrder.id], staffId: assignee } } }).catch(() => null);
    const outcome = result?.data?.dispatchWorkOrders;
    if (outcome?.ok) {
      const who = staff.find((s) => s.staffId === assignee);
      setNote({ ok: true, text: t('dispatchMap.assigned', { workOrderNo: selectedOrder.workOrderNo, staff: who ? `${who.name} (${who.staffNo})` : assignee }) });
      onAssigned();
    } else setNote({ ok: false, text: outcome?.error?.message ?? t('common.loadFailed') });
  };

  return (
    <section className="dispatch-map-section" aria-labelledby={ids.staff} data-testid="map-selection">
      <h2 id={ids.staff}>
        {t('dispatchMap.selectedStaff')} <span className="badge" data-testid="map-selection-staff-count">{staff.length}</span>
      </h2>
      {staff.length === 0 ? (
        <p className="muted">{t('dispatchMap.noStaffInBox')}</p>
      ) : (
        <ul className="dispatch-map-list" data-testid="map-selection-staff">
          {staff.map((s) => (
            <li key={s.staffId} data-staff-no={s.staffNo}>
              <label>
                <input type="checkbox" checked={checked.has(s.staffId)} onChange={() => toggle(s.staffId)} />
                <span className="mono">{s.staffNo}</span> {s.name}
              </label>
              <span className="muted">{t('dispatchMap.inProgress', { count: s.inProgress })}</span>
              <button type="button" className="button link" onClick={() => onFocus(s)} aria-label={t('dispatchMap.showOnMap', { name: `${s.name} ${s.staffNo}` })}>
                {t('dispatchMap.show')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h2 id={ids.orders}>
        {t('dispatchMap.selectedWorkOrders')} <span className="badge" data-testid="map-selection-work-order-count">{workOrders.length}</span>
      </h2>
      {truncated && <p className="muted">{t('dispatchMap.truncated')}</p>}
      {workOrders.length === 0 ? (
        <p className="muted">{t('dispatchMap.noWorkOrdersInBox')}</p>
      ) : (
        <ul className="dispatch-map-list" data-testid="map-selection-work-orders" aria-labelledby={ids.orders}>
          {workOrders.map((w) => (
            <li key={w.id}>
              <label>
                <input type="radio" name="map-work-order" checked={workOrderId === w.id} onChange={() => setWorkOrderId(w.id)} />
                <span className="state-dot" style={{ background: WORK_ORDER_STATE_COLOURS[w.state as keyof typeof WORK_ORDER_STATE_COLOURS] }} aria-hidden="true" />
                <span className="mono">{w.workOrderNo}</span> {w.stepName} · {t(`dispatchMap.state.${w.state}`)}
              </label>
              <span className="muted wrap">{w.customerName} · {w.address}</span>
              <button type="button" className="button link" onClick={() => onFocus(w)} aria-label={t('dispatchMap.showOnMap', { name: w.workOrderNo })}>
                {t('dispatchMap.show')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <OperateOnly permission="work-orders:dispatch">
        <form className="dispatch-map-form" onSubmit={onSend}>
          <label htmlFor={ids.message}>{t('dispatchMap.messageLabel', { count: staff.filter((s) => checked.has(s.staffId)).length })}</label>
          <textarea id={ids.message} rows={2} maxLength={500} value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="button" disabled={sending.loading || text.trim() === '' || !staff.some((s) => checked.has(s.staffId))}>
            {t('dispatchMap.send')}
          </button>
        </form>
        <form className="dispatch-map-form" onSubmit={onAssign}>
          <label htmlFor={ids.assignee}>{selectedOrder ? t('dispatchMap.assignLabel', { workOrderNo: selectedOrder.workOrderNo }) : t('dispatchMap.assignPick')}</label>
          <select id={ids.assignee} value={assignee} onChange={(e) => setAssignee(e.target.value)} disabled={!selectedOrder}>
            <option value="">{t('dispatchMap.assignTo')}</option>
            {staff.map((s) => (
              <option key={s.staffId} value={s.staffId}>
                {s.name} ({s.staffNo})
              </option>
            ))}
          </select>
          <button type="submit" className="button primary" disabled={!selectedOrder || !assignee || dispatching.loading}>
            {t('dispatchMap.assign')}
          </button>
        </form>
      </OperateOnly>
      {note && (
        <p className={note.ok ? 'notice ok' : 'form-error'} role="status" data-testid="map-selection-note">
          {note.text}
        </p>
      )}
    </section>
  );
}
