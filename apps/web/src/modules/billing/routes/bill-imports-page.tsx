import { useQuery, useSubscription } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { OperateOnly } from '../../../app/session/menu-access';
import { ListStatus } from '../../../components/paged-list/list-status';
import { getToken } from '../../../lib/auth-token';
import { formatDateTime } from '../../../lib/format-date-time';
import { useDocumentTitle } from '../../../lib/use-document-title';
import '../billing.css';
import { BillFormatsQuery, BillImportChangedSubscription, BillImportProblemsQuery, BillImportsQuery } from '../graphql/billing-documents';

/** Sends the file as the raw body; reports bytes sent (the server reads as it receives). */
function uploadBills(file: File, month: string, formatId: string, onProgress: (fraction: number) => void): Promise<{ ok: boolean; message: string; importId: string | null }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/billing/imports?month=${encodeURIComponent(month)}&format=${encodeURIComponent(formatId)}&name=${encodeURIComponent(file.name)}`);
    const token = getToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => {
      try {
        const body = JSON.parse(xhr.responseText) as { import?: { id: string }; errors?: { message: string }[] };
        resolve({ ok: xhr.status === 200, message: body.errors?.[0]?.message ?? '', importId: body.import?.id ?? null });
      } catch {
        resolve({ ok: false, message: xhr.statusText, importId: null });
      }
    };
    xhr.onerror = () => resolve({ ok: false, message: 'network error', importId: null });
    xhr.send(file);
  });
}

const thisMonth = () => new Date().toISOString().slice(0, 7);

/** `/billing/imports` (menu `billing.imports`): load a month's bill file, watch it run, read its bad lines. */
export function BillImportsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.billing.imports'));
  const monthId = useId();
  const formatId = useId();
  const fileId = useId();
  // `?month=2026-11` opens a month (links, the screen checks); else the current one.
  const [params] = useSearchParams();
  const [month, setMonth] = useState(params.get('month') ?? thisMonth());
  const [format, setFormat] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const validMonth = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const formats = useQuery(BillFormatsQuery);
  const imports = useQuery(BillImportsQuery, { variables: { billingMonth: validMonth ? month : null }, fetchPolicy: 'cache-and-network' });
  const live = useSubscription(BillImportChangedSubscription, { variables: { billingMonth: month }, skip: !validMonth });
  const problems = useQuery(BillImportProblemsQuery, { variables: { id: selected ?? '' }, skip: !selected, fetchPolicy: 'network-only' });
  const list = imports.data?.billImports ?? imports.previousData?.billImports ?? [];
  const running = live.data?.billImportChanged;
  const chosenFormat = format || formats.data?.billFormats[0]?.id || '';
  const shown = selected ? (list.find((row) => row.id === selected) ?? (running?.id === selected ? running : null)) : null;

  const start = async () => {
    if (!file || !chosenFormat || !validMonth) return;
    setFailure(null);
    setSelected(null);
    setSent(0);
    const result = await uploadBills(file, month, chosenFormat, setSent);
    setSent(null);
    if (!result.ok) setFailure(result.message || t('billing.imports.failed'));
    await imports.refetch();
    if (result.importId) setSelected(result.importId);
  };

  return (
    <div className="page billing-page bill-imports-page">
      <div className="page-header">
        <h1>{t('menu.billing.imports')}</h1>
      </div>
      <p className="page-intro muted">{t('billing.imports.intro')}</p>
      <div className="toolbar">
        <div className="toolbar-field">
          <label htmlFor={monthId}>{t('billing.month')}</label>
          <input id={monthId} value={month} onChange={(e) => setMonth(e.target.value.trim())} placeholder="YYYY-MM" aria-invalid={!validMonth} data-testid="bill-import-month" />
        </div>
        <OperateOnly permission="billing:operate">
          <div className="toolbar-field">
            <label htmlFor={formatId}>{t('billing.format')}</label>
            <select id={formatId} value={chosenFormat} onChange={(e) => setFormat(e.target.value)} data-testid="bill-import-format">
              {(formats.data?.billFormats ?? []).map((f) => (
                <option key={f.id} value={f.id}>
                  {f.code} · {f.name}
                </option>
              ))}
            </select>
          </div>
          <div className="toolbar-field">
            <label htmlFor={fileId}>{t('billing.imports.file')}</label>
            <input id={fileId} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="bill-import-file" />
          </div>
          <div className="toolbar-actions">
            <button type="button" className="button primary" disabled={!file || !chosenFormat || !validMonth || sent !== null} onClick={() => void start()} data-testid="bill-import-start">
              {t('billing.imports.start')}
            </button>
          </div>
        </OperateOnly>
      </div>
      {sent !== null && (
        <div role="status" data-testid="bill-import-progress">
          <progress max={1} value={sent} aria-label={t('billing.imports.progress')} />{' '}
          {running?.state === 'RUNNING' && t('billing.imports.counts', { total: running.totalLines, loaded: running.loadedLines, bad: running.badLines })}
        </div>
      )}
      {failure && (
        <p className="notice error" role="alert" data-testid="bill-import-failure">
          {failure}
        </p>
      )}
      {shown && (
        <section aria-labelledby="bill-import-summary-title" data-testid="bill-import-summary" data-state={shown.state}>
          <h2 id="bill-import-summary-title">
            {t('billing.imports.summary', { file: shown.fileName, month: shown.billingMonth })} · {t(`billing.imports.states.${shown.state}`)}
          </h2>
          <p>
            <span data-testid="bill-import-counts">{t('billing.imports.counts', { total: shown.totalLines, loaded: shown.loadedLines, bad: shown.badLines })}</span>
            {shown.inForce && (
              <>
                {' · '}
                <Link to={`/billing/bills?month=${shown.billingMonth}`} data-testid="bill-import-bills-link">
                  {t('billing.imports.billsOf', { month: shown.billingMonth })}
                </Link>
              </>
            )}
          </p>
          {shown.error && <p className="notice error">{shown.error}</p>}
          {(problems.data?.billImport?.problems.length ?? 0) > 0 && (
            <div className="table-scroll">
              <table className="data-table" data-testid="bill-import-problems">
                <caption className="visually-hidden">{t('billing.imports.badLines')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('billing.imports.line')}</th>
                    <th scope="col">{t('billing.imports.reason')}</th>
                    <th scope="col">{t('billing.imports.text')}</th>
                  </tr>
                </thead>
                <tbody>
                  {problems.data!.billImport!.problems.map((p) => (
                    <tr key={p.lineNo} data-testid="bill-import-problem" data-line={p.lineNo}>
                      <td className="mono">{p.lineNo}</td>
                      <td>{p.reason}</td>
                      <td className="mono">{p.text}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
      <h2 className="billing-section">{t('billing.imports.history')}</h2>
      <ListStatus loading={imports.loading && !imports.data} error={imports.error} empty={!!imports.data && list.length === 0} onRetry={() => void imports.refetch().catch(() => undefined)} />
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="bill-imports-table">
            <thead>
              <tr>
                <th scope="col">{t('billing.month')}</th>
                <th scope="col">{t('billing.imports.file')}</th>
                <th scope="col">{t('billing.format')}</th>
                <th scope="col">{t('billing.imports.state')}</th>
                <th scope="col">{t('billing.imports.countsHeader')}</th>
                <th scope="col">{t('billing.imports.started')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('billing.imports.details')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((row) => (
                <tr key={row.id} data-testid="bill-import-row" data-state={row.state}>
                  <td className="mono">{row.billingMonth}</td>
                  <td>{row.fileName}</td>
                  <td>{row.format.code}</td>
                  <td>
                    {t(`billing.imports.states.${row.state}`)}
                    {row.inForce && <span className="badge">{t('billing.imports.inForce')}</span>}
                  </td>
                  <td>{t('billing.imports.counts', { total: row.totalLines, loaded: row.loadedLines, bad: row.badLines })}</td>
                  <td>{formatDateTime(row.startedAt as string)}</td>
                  <td>
                    <button type="button" className="button" onClick={() => setSelected(row.id)} aria-label={t('billing.imports.detailsOf', { file: row.fileName })}>
                      {t('billing.imports.details')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
