import { useMutation, useQuery } from '@apollo/client/react';
import { OperateOnly } from '../../../app/session/menu-access';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteDialog } from '../../../components/delete-dialog';
import { RowActions } from '../../../components/row-actions';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ListStatus } from '../../../components/paged-list/list-status';
import { WorkOrderTypesQuery } from '../../queries/graphql/work-order-query';
import { ORDER_TYPES, TimeLimitDialog, type LimitDraft } from '../components/time-limit-dialog';
import { DeleteOrderTimeLimitMutation, DeleteWorkOrderTimeLimitMutation, TimeLimitsQuery } from '../graphql/time-limit-documents';
import './time-limits-page.css';

type Removal = { kind: 'order'; orderType: string; label: string } | { kind: 'work-order'; id: string; label: string };

/** `/config/time-limits` (menu `config.time-limits`, 时限管理): order and work-order time limits. */
export function TimeLimitsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('menu.config.time-limits'));
  const limits = useQuery(TimeLimitsQuery, { fetchPolicy: 'cache-and-network' });
  const types = useQuery(WorkOrderTypesQuery);
  const [editing, setEditing] = useState<LimitDraft | null>(null);
  const [removing, setRemoving] = useState<Removal | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deleteOrderLimit] = useMutation(DeleteOrderTimeLimitMutation);
  const [deleteWorkOrderLimit] = useMutation(DeleteWorkOrderTimeLimitMutation);
  const hours = useMemo(() => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 }), [i18n.language]);
  const typeName = (code: string) => {
    const type = types.data?.workOrderTypes.find((candidate) => candidate.code === code);
    return type ? `${localName(type)} (${code})` : code;
  };
  const orderLimits = limits.data?.orderTimeLimits ?? [];
  const unconfigured = ORDER_TYPES.filter((type) => !orderLimits.some((limit) => limit.orderType === type));

  /** Deletes the limit; a refusal is returned for the dialog to show. */
  const remove = async (removal: Removal): Promise<string | null> => {
    const outcome =
      removal.kind === 'order'
        ? (await deleteOrderLimit({ variables: { input: { orderType: removal.orderType } } })).data?.deleteOrderTimeLimit
        : (await deleteWorkOrderLimit({ variables: { input: { id: removal.id } } })).data?.deleteWorkOrderTimeLimit;
    if (!outcome?.ok) return outcome?.error?.message ?? t('timeLimits.failed');
    setRemoving(null);
    setNotice(t('timeLimits.deleted', { limit: removal.label }));
    await limits.refetch();
    return null;
  };

  return (
    <div className="page time-limits-page">
      <div className="page-header">
        <h1>{t('menu.config.time-limits')}</h1>
      </div>
      <p className="page-intro muted">{t('timeLimits.intro')}</p>
      {notice && (
        <p className="notice ok" role="status" data-testid="time-limits-notice">
          {notice}
        </p>
      )}
      <ListStatus loading={limits.loading && !limits.data} error={limits.error} empty={false} onRetry={() => void limits.refetch().catch(() => undefined)} />
      {limits.data && (
        <div className="time-limits-sections">
          <section aria-labelledby="order-limits-title">
            <div className="section-header">
              <h2 id="order-limits-title">{t('timeLimits.orderLimits')}</h2>
              <OperateOnly>
                <button
                  type="button"
                  className="button primary"
                  disabled={unconfigured.length === 0}
                  onClick={() => setEditing({ kind: 'order', existing: false, orderType: unconfigured[0] ?? 'NEW', warningHours: '', processHours: '' })}
                  data-testid="order-limit-new"
                >
                  {t('timeLimits.new')}
                </button>
              </OperateOnly>
            </div>
            <table className="data-table" data-testid="order-limits">
              <thead>
                <tr>
                  <th scope="col">{t('timeLimits.orderType')}</th>
                  <th scope="col" className="num">{t('timeLimits.warningHours')}</th>
                  <th scope="col" className="num">{t('timeLimits.processHours')}</th>
                  <th scope="col"><span className="visually-hidden">{t('timeLimits.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {orderLimits.map((limit) => {
                  const label = `${t(`monitors.orderType.${limit.orderType}`)} (${limit.orderType})`;
                  return (
                    <tr key={limit.orderType} data-testid="order-limit-row" data-order-type={limit.orderType}>
                      <td>{label}</td>
                      <td className="num">{hours.format(limit.warningHours)}</td>
                      <td className="num">{hours.format(limit.processHours)}</td>
                      <RowActions name={label} onEdit={() => setEditing({ kind: 'order', existing: true, ...limit })} onDelete={() => setRemoving({ kind: 'order', orderType: limit.orderType, label })} testIdPrefix="limit" />
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="work-order-limits-title">
            <div className="section-header">
              <h2 id="work-order-limits-title">{t('timeLimits.workOrderLimits')}</h2>
              <OperateOnly>
                <button
                  type="button"
                  className="button primary"
                  onClick={() => setEditing({ kind: 'work-order', existing: false, workOrderType: '', stepCode: '', acceptHours: '', warningHours: '', processHours: '' })}
                  data-testid="work-order-limit-new"
                >
                  {t('timeLimits.new')}
                </button>
              </OperateOnly>
            </div>
            <table className="data-table" data-testid="work-order-limits">
              <thead>
                <tr>
                  <th scope="col">{t('timeLimits.workOrderType')}</th>
                  <th scope="col">{t('timeLimits.stepCode')}</th>
                  <th scope="col" className="num">{t('timeLimits.acceptHours')}</th>
                  <th scope="col" className="num">{t('timeLimits.warningHours')}</th>
                  <th scope="col" className="num">{t('timeLimits.processHours')}</th>
                  <th scope="col"><span className="visually-hidden">{t('timeLimits.actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                {limits.data.workOrderTimeLimits.map((limit) => {
                  const label = `${typeName(limit.workOrderType)}${limit.stepCode ? ` / ${limit.stepCode}` : ''}`;
                  return (
                    <tr key={limit.id} data-testid="work-order-limit-row" data-type={limit.workOrderType} data-step={limit.stepCode ?? ''}>
                      <td>{typeName(limit.workOrderType)}</td>
                      <td className="mono">{limit.stepCode ?? <span className="muted">{t('timeLimits.everyStep')}</span>}</td>
                      <td className="num">{hours.format(limit.acceptHours)}</td>
                      <td className="num">{hours.format(limit.warningHours)}</td>
                      <td className="num">{hours.format(limit.processHours)}</td>
                      <RowActions
                        name={label}
                        onEdit={() => setEditing({ kind: 'work-order', existing: true, workOrderType: limit.workOrderType, stepCode: limit.stepCode ?? '', acceptHours: limit.acceptHours, warningHours: limit.warningHours, processHours: limit.processHours })}
                        onDelete={() => setRemoving({ kind: 'work-order', id: limit.id, label })}
                        testIdPrefix="limit"
                      />
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        </div>
      )}
      {editing && (
        <TimeLimitDialog
          initial={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setNotice(t('timeLimits.saved'));
            void limits.refetch().catch(() => undefined);
          }}
        />
      )}
      {removing && (
        <DeleteDialog
          title={t('timeLimits.deleteTitle')}
          question={t(removing.kind === 'order' ? 'timeLimits.deleteOrderConfirm' : 'timeLimits.deleteWorkOrderConfirm', { limit: removing.label })}
          testId="limit-delete"
          onClose={() => setRemoving(null)}
          onDelete={() => remove(removing)}
        />
      )}
    </div>
  );
}
