import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format-date-time';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';
import { OrderDetailQuery } from '../graphql/order-detail-query';
import { stateLabel, timeStateLabel } from '../work-order-labels';
import type { WorkOrderRow } from './work-order-grid';
import { FlowMonitor } from './flow-monitor';

const TABS = ['workOrder', 'order', 'log', 'flow'] as const;
type Tab = (typeof TABS)[number];

/** The selected work order, or (order query) an order alone: then there is no work-order tab. */
type DetailSubject = { workOrder: WorkOrderRow; order?: never } | { workOrder?: never; order: { id: string; orderNo: string } };

/**
 * Detail tabs of the selected work order: work-order info, order info (acceptance, product,
 * resources old/new, resource-processing records), order log and flow monitor. `version` changes
 * when a live event touched the order, to re-read it.
 */
export function WorkOrderDetail({ workOrder, order: orderRef, version }: DetailSubject & { version: number }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const baseId = useId();
  const tabs: readonly Tab[] = workOrder ? TABS : TABS.filter((name) => name !== 'workOrder');
  const [tab, setTab] = useState<Tab>(tabs[0]);
  const { data, error, loading, refetch } = useQuery(OrderDetailQuery, { variables: { id: workOrder ? workOrder.order.id : orderRef.id }, fetchPolicy: 'network-only' });
  // A live event touched this order: re-read it (the flow monitor moves on).
  useEffect(() => {
    if (version > 0) void refetch().catch(() => undefined);
  }, [version, refetch]);
  const order = data?.order;

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = tabs.indexOf(tab);
    const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : null;
    if (next) {
      e.preventDefault();
      setTab(next);
      document.getElementById(`${baseId}-${next}`)?.focus();
    }
  };

  return (
    <section className="work-order-detail panel" aria-label={t('workOrders.detail.label', { no: workOrder ? workOrder.workOrderNo : orderRef.orderNo })} data-testid="work-order-detail">
      <div role="tablist" className="tabs" aria-label={t('workOrders.detail.tabs')}>
        {tabs.map((name) => (
          <button
            key={name}
            id={`${baseId}-${name}`}
            type="button"
            role="tab"
            aria-selected={tab === name}
            aria-controls={`${baseId}-${name}-panel`}
            tabIndex={tab === name ? 0 : -1}
            className={`tab${tab === name ? ' is-active' : ''}`}
            data-testid={`detail-tab-${name}`}
            onClick={() => setTab(name)}
            onKeyDown={onTabKey}
          >
            {t(`workOrders.detail.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${baseId}-${tab}-panel`} aria-labelledby={`${baseId}-${tab}`} className="tab-panel">
        {tab === 'workOrder' && workOrder && (
          <dl className="detail-grid" data-testid="work-order-info">
            <dt>{t('workOrders.columns.workOrderNo')}</dt>
            <dd className="mono">{workOrder.workOrderNo}</dd>
            <dt>{t('workOrders.columns.step')}</dt>
            <dd>{localName(workOrder.step, lng)}</dd>
            <dt>{t('workOrders.columns.state')}</dt>
            <dd>
              {stateLabel(t, workOrder.state)} {timeStateLabel(t, workOrder.timeState, workOrder.acceptOverdue)}
            </dd>
            <dt>{t('workOrders.columns.position')}</dt>
            <dd>{localName(workOrder.position, lng) || t('workOrders.noPosition')}</dd>
            <dt>{t('workOrders.columns.handler')}</dt>
            <dd>{workOrder.handler ? `${workOrder.handler.name} (${workOrder.handler.staffNo})` : t('workOrders.noHandler')}</dd>
            <dt>{t('workOrders.columns.createdAt')}</dt>
            <dd className="mono">{formatDateTime(workOrder.createdAt)}</dd>
            <dt>{t('workOrders.columns.dueAt')}</dt>
            <dd className="mono">{formatDateTime(workOrder.dueAt) || '—'}</dd>
          </dl>
        )}
        {tab !== 'workOrder' && loading && !order && <p role="status">{t('common.loading')}</p>}
        {tab !== 'workOrder' && error && (
          <p className="form-error" role="alert">
            {t('common.loadFailed')}
          </p>
        )}
        {tab === 'order' && order && (
          <div className="order-info" data-testid="order-info">
            <dl className="detail-grid">
              <dt>{t('orders.orderNo')}</dt>
              <dd className="mono">{order.orderNo}</dd>
              <dt>{t('orders.acceptanceNo')}</dt>
              <dd className="mono">{order.acceptanceNo ?? '—'}</dd>
              <dt>{t('orders.business')}</dt>
              <dd>
                {order.businessCode} · {localName(order.workflow, lng)} v{order.workflow.version}
              </dd>
              <dt>{t('orders.product')}</dt>
              <dd>{order.productCode ?? '—'}</dd>
              <dt>{t('orders.customer')}</dt>
              <dd>
                {order.customerName} {order.customerPhone}
              </dd>
              <dt>{t('orders.address')}</dt>
              <dd>{order.address}</dd>
              <dt>{t('orders.area')}</dt>
              <dd>{localName(order.organisation, lng) || '—'}</dd>
              <dt>{t('orders.acceptedAt')}</dt>
              <dd className="mono">{formatDateTime(order.acceptedAt)}</dd>
              <dt>{t('orders.dueAt')}</dt>
              <dd className="mono">{formatDateTime(order.dueAt) || '—'}</dd>
            </dl>
            <table className="detail-table">
              <caption>{t('orders.resources')}</caption>
              <thead>
                <tr>
                  <th>{t('orders.resourceKey')}</th>
                  <th>{t('orders.oldValue')}</th>
                  <th>{t('orders.newValue')}</th>
                </tr>
              </thead>
              <tbody>
                {order.resources.length === 0 && (
                  <tr>
                    <td colSpan={3} className="muted">
                      {t('orders.noResources')}
                    </td>
                  </tr>
                )}
                {order.resources.map((r) => (
                  <tr key={r.key}>
                    <td>{r.key}</td>
                    <td className="mono">{r.oldValue ?? ''}</td>
                    <td className="mono">{r.newValue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="detail-table">
              <caption>{t('orders.interfaceRequests')}</caption>
              <thead>
                <tr>
                  <th>{t('orders.system')}</th>
                  <th>{t('orders.kind')}</th>
                  <th>{t('workOrders.columns.state')}</th>
                  <th>{t('orders.attempts')}</th>
                  <th>{t('orders.lastError')}</th>
                  <th>{t('workOrders.columns.completedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {order.interfaceRequests.map((r) => (
                  <tr key={r.id}>
                    <td>{r.system}</td>
                    <td>{r.kind}</td>
                    <td>{r.state}</td>
                    <td>{r.attempts}</td>
                    <td>{r.lastError ?? ''}</td>
                    <td className="mono">{formatDateTime(r.completedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {tab === 'log' && order && (
          <table className="detail-table" data-testid="order-log">
            <thead>
              <tr>
                <th>{t('orders.logTime')}</th>
                <th>{t('orders.logAction')}</th>
                <th>{t('orders.logDetail')}</th>
              </tr>
            </thead>
            <tbody>
              {order.log.map((line) => (
                <tr key={line.id}>
                  <td className="mono">{formatDateTime(line.createdAt)}</td>
                  <td>{line.action}</td>
                  <td>{line.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {tab === 'flow' && order && <FlowMonitor flow={order.flow} />}
      </div>
    </section>
  );
}
