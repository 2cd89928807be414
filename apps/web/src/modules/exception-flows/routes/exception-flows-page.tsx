import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteDialog } from '../../../components/delete-dialog';
import { ListStatus } from '../../../components/paged-list/list-status';
import { RowActions } from '../../../components/row-actions';
import type { ExceptionFlowsFieldsFragment, ExceptionTypeRowFragment } from '../../../generated/graphql';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ExceptionTypeDialog } from '../components/exception-type-dialog';
import { exceptionErrorText } from '../exception-error-text';
import { DeleteExceptionTypeMutation, ExceptionFlowsQuery, ExceptionTypesAndBusinessesQuery, SaveExceptionFlowsMutation } from '../graphql/exception-flows-documents';
import '../../work-order-types/routes/work-order-types-page.css';
import './exception-flows-page.css';

type Dialog = { kind: 'type'; type: ExceptionTypeRowFragment | null } | { kind: 'delete-type'; type: ExceptionTypeRowFragment };

/** A route being edited (key: stable React key). */
interface RouteRow {
  key: number;
  from: string;
  exceptionType: string;
  to: string;
}

const named = (record: { code: string; name: string; nameEn: string }) => `${localName(record)} (${record.code})`;
let nextKey = 1;
const rowsOf = (flows: ExceptionFlowsFieldsFragment | undefined): RouteRow[] =>
  (flows?.routes ?? []).map((route) => ({ key: nextKey++, from: route.from, exceptionType: route.exceptionTypeCode, to: route.to }));
const routeKey = (rows: readonly { from: string; exceptionType?: string; exceptionTypeCode?: string; to: string }[]) =>
  rows.map((row) => `${row.from}|${row.exceptionType ?? row.exceptionTypeCode}|${row.to}`).join(';');

/**
 * `/config/exception-flows` (menu `config.exception-flows`, 异常流程配置): the exception types, and
 * per business the exception routes of its template (from step → exception type → to step), saved
 * as a new template version (running orders keep theirs).
 */
export function ExceptionFlowsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.config.exception-flows'));
  const ids = { business: useId() };
  const data = useQuery(ExceptionTypesAndBusinessesQuery, { fetchPolicy: 'cache-and-network' });
  const [deleteType] = useMutation(DeleteExceptionTypeMutation);
  const [saveFlows, savingFlows] = useMutation(SaveExceptionFlowsMutation);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [business, setBusiness] = useState<string>('');
  const businesses = data.data?.exceptionFlowBusinesses ?? [];
  const types = data.data?.exceptionTypes ?? [];
  const routable = types.filter((type) => !type.manual);
  const templateCode = businesses.find((b) => b.businessCode === business)?.templateCode ?? null;
  const flowsQuery = useQuery(ExceptionFlowsQuery, { variables: { templateCode: templateCode ?? '' }, skip: !templateCode, fetchPolicy: 'network-only' });
  const flows = templateCode ? flowsQuery.data?.exceptionFlows : undefined;
  const [rows, setRows] = useState<RouteRow[]>([]);
  const [flowError, setFlowError] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);

  useEffect(() => {
    if (!business && businesses.length > 0) setBusiness(businesses[0]!.businessCode);
  }, [business, businesses]);
  useEffect(() => {
    setRows(rowsOf(flows));
    setFlowError(null);
    setProblems([]);
  }, [flows]);

  const refetch = () => data.refetch().catch(() => undefined);
  const done = (text: string) => {
    setDialog(null);
    setNotice(text);
    void refetch();
  };
  const dirty = !!flows && routeKey(rows) !== routeKey(flows.routes);
  const steps = flows?.steps ?? [];
  const fromSteps = steps.filter((step) => step.kind !== 'END' && step.kind !== 'START');
  const toSteps = steps.filter((step) => step.kind !== 'START');
  const update = (key: number, change: Partial<RouteRow>) => setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const save = async () => {
    if (!flows) return;
    setFlowError(null);
    setProblems([]);
    if (rows.some((row) => !row.from || !row.exceptionType || !row.to)) {
      setFlowError(t('exceptionFlows.errors.incompleteRoute'));
      return;
    }
    try {
      const input = { templateCode: flows.templateCode, baseTemplateId: flows.templateId, routes: rows.map(({ from, exceptionType, to }) => ({ from, exceptionType, to })) };
      const outcome = (await saveFlows({ variables: { input } })).data?.saveExceptionFlows;
      if (outcome?.ok && outcome.flows) {
        setNotice(t('exceptionFlows.routes.saved', { template: localName(flows), version: outcome.flows.version }));
        await flowsQuery.refetch().catch(() => undefined);
        void refetch();
      } else {
        setFlowError(outcome?.error?.code === 'INVALID_GRAPH' ? t('exceptionFlows.errors.INVALID_GRAPH') : exceptionErrorText(t, outcome?.error));
        setProblems((outcome?.problems ?? []).map((problem) => problem.message));
      }
    } catch (e) {
      setFlowError((e as Error).message);
    }
  };

  const stepLabel = (code: string) => {
    const step = steps.find((candidate) => candidate.code === code);
    return step ? `${localName(step)} (${step.code})` : code;
  };

  return (
    <div className="page work-order-types-page exception-flows-page">
      <div className="page-header">
        <h1>{t('menu.config.exception-flows')}</h1>
      </div>
      <p className="page-intro muted">{t('exceptionFlows.intro')}</p>
      {notice && (
        <p className="notice ok" role="status" data-testid="exception-flows-notice">
          {notice}
        </p>
      )}
      <ListStatus loading={data.loading && !data.data} error={data.error} empty={false} onRetry={() => void refetch()} />
      {data.data && (
        <div className="exception-flows-workspace">
          <section className="work-order-types-panel" aria-labelledby="exception-types-title">
            <div className="panel-header">
              <h2 id="exception-types-title">{t('exceptionFlows.types.title')}</h2>
              <button type="button" className="button" onClick={() => setDialog({ kind: 'type', type: null })} data-testid="exception-type-new">
                {t('exceptionFlows.types.new')}
              </button>
            </div>
            <div className="table-scroll">
              <table className="data-table" data-testid="exception-types-table">
                <thead>
                  <tr>
                    <th scope="col">{t('exceptionFlows.code')}</th>
                    <th scope="col">{t('exceptionFlows.type')}</th>
                    <th scope="col">{t('exceptionFlows.description')}</th>
                    <th scope="col" className="num">
                      {t('exceptionFlows.types.routeCount')}
                    </th>
                    <th scope="col">
                      <span className="visually-hidden">{t('exceptionFlows.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {types.map((type) => (
                    <tr key={type.code} data-testid="exception-type-row" data-code={type.code}>
                      <td className="mono">{type.code}</td>
                      <td>
                        {localName(type)}
                        {type.manual && <span className="muted manual-badge"> {t('exceptionFlows.types.manual')}</span>}
                      </td>
                      <td className="muted">{type.description || '—'}</td>
                      <td className="num">{type.routeCount}</td>
                      <RowActions name={named(type)} onEdit={() => setDialog({ kind: 'type', type })} onDelete={() => setDialog({ kind: 'delete-type', type })} testIdPrefix="exception-type" />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="work-order-types-panel" aria-labelledby="exception-routes-title">
            <div className="panel-header">
              <h2 id="exception-routes-title">{t('exceptionFlows.routes.title')}</h2>
            </div>
            <div className="exception-flows-toolbar">
              <div className="field inline">
                <label htmlFor={ids.business}>{t('exceptionFlows.routes.business')}</label>
                <select id={ids.business} value={business} onChange={(e) => setBusiness(e.target.value)} data-testid="exception-flows-business">
                  {businesses.map((b) => (
                    <option key={b.businessCode} value={b.businessCode}>
                      {localName(b)} ({b.businessCode})
                    </option>
                  ))}
                </select>
              </div>
              {flows && (
                <p className="muted" data-testid="exception-flows-template">
                  {t('exceptionFlows.routes.template', { template: `${localName(flows)} (${flows.templateCode})`, version: flows.version })}
                </p>
              )}
            </div>
            <ListStatus loading={flowsQuery.loading && !flows} error={flowsQuery.error} empty={false} onRetry={() => void flowsQuery.refetch().catch(() => undefined)} />
            {flows && (
              <>
                <div className="table-scroll">
                  <table className="data-table" data-testid="exception-routes-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('exceptionFlows.routes.from')}</th>
                        <th scope="col">{t('exceptionFlows.type')}</th>
                        <th scope="col">{t('exceptionFlows.routes.to')}</th>
                        <th scope="col">
                          <span className="visually-hidden">{t('exceptionFlows.actions')}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.length === 0 && (
                        <tr>
                          <td colSpan={4} className="muted" data-testid="exception-routes-empty">
                            {t('exceptionFlows.routes.empty')}
                          </td>
                        </tr>
                      )}
                      {rows.map((row, index) => (
                        <tr key={row.key} data-testid="exception-route-row" data-route={`${row.from}|${row.exceptionType}|${row.to}`}>
                          <td>
                            <select
                              aria-label={t('exceptionFlows.routes.fromOf', { n: index + 1 })}
                              value={row.from}
                              onChange={(e) => update(row.key, { from: e.target.value })}
                              data-testid="exception-route-from"
                            >
                              <option value="">{t('exceptionFlows.routes.pickStep')}</option>
                              {fromSteps.map((step) => (
                                <option key={step.code} value={step.code}>
                                  {stepLabel(step.code)}
                                </option>
                              ))}
                            </select>
                          </td>
                          <td>
                            <select
                              aria-label={t('exceptionFlows.routes.typeOf', { n: index + 1 })}
                              value={row.exceptionType}
                              onChange={(e) => update(row.key, { exceptionType: e.target.value })}
                              data-testid="exception-route-type"
                            >
                              <option value="">{t('exceptionFlows.routes.pickType')}</option>
                              {!routable.some((type) => type.code === row.exceptionType) && row.exceptionType && <option value={row.exceptionType}>{row.exceptionType}</option>}
                              {routable.map((type) => (
                                <option key={type.code} value={type.code}>
                                  {named(type)}
                                </option>
                              ))}
                            </select>
                          </td>
                          <td>
                            <select
                              aria-label={t('exceptionFlows.routes.toOf', { n: index + 1 })}
                              value={row.to}
                              onChange={(e) => update(row.key, { to: e.target.value })}
                              data-testid="exception-route-to"
                            >
                              <option value="">{t('exceptionFlows.routes.pickStep')}</option>
                              {toSteps.map((step) => (
                                <option key={step.code} value={step.code}>
                                  {stepLabel(step.code)}
                                </option>
                              ))}
                            </select>
                          </td>
                          <td className="row-actions">
                            <button
                              type="button"
                              className="button"
                              onClick={() => setRows((current) => current.filter((candidate) => candidate.key !== row.key))}
                              aria-label={t('exceptionFlows.routes.removeOf', { n: index + 1 })}
                              data-testid="exception-route-remove"
                            >
                              {t('exceptionFlows.routes.remove')}
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {flowError && (
                  <div className="notice error" role="alert" data-testid="exception-flows-error">
                    <p>{flowError}</p>
                    {problems.length > 0 && (
                      <ul>
                        {problems.map((problem) => (
                          <li key={problem}>{problem}</li>
                        ))}
                      </ul>
                    )}
                  </div>
                )}
                <div className="exception-flows-actions">
                  <button type="button" className="button" onClick={() => setRows((current) => [...current, { key: nextKey++, from: '', exceptionType: '', to: '' }])} data-testid="exception-route-add">
                    {t('exceptionFlows.routes.add')}
                  </button>
                  <button type="button" className="button" onClick={() => setRows(rowsOf(flows))} disabled={!dirty} data-testid="exception-routes-reset">
                    {t('exceptionFlows.routes.reset')}
                  </button>
                  <button type="button" className="button primary" onClick={() => void save()} disabled={!dirty || savingFlows.loading} data-testid="exception-routes-save">
                    {t('exceptionFlows.routes.save')}
                  </button>
                </div>
                <p className="muted field-hint">{t('exceptionFlows.routes.hint')}</p>
              </>
            )}
          </section>
        </div>
      )}
      {dialog?.kind === 'type' && <ExceptionTypeDialog type={dialog.type} onClose={() => setDialog(null)} onSaved={(saved) => done(t('exceptionFlows.saved', { name: named(saved) }))} />}
      {dialog?.kind === 'delete-type' && (
        <DeleteDialog
          title={t('exceptionFlows.types.deleteTitle')}
          question={t('exceptionFlows.deleteQuestion', { name: named(dialog.type) })}
          testId="exception-type-delete"
          onClose={() => setDialog(null)}
          onDelete={async () => {
            const outcome = (await deleteType({ variables: { input: { code: dialog.type.code } } })).data?.deleteExceptionType;
            if (!outcome?.ok) return exceptionErrorText(t, outcome?.error);
            done(t('exceptionFlows.deleted', { name: named(dialog.type) }));
            return null;
          }}
        />
      )}
    </div>
  );
}
