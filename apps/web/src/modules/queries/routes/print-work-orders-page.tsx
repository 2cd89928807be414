import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { PrintWorkOrdersMutation as PrintResult } from '../../../generated/graphql';
import { formatDateTime } from '../../../lib/format-date-time';
import { currentLanguage } from '../../../lib/i18n';
import { localName } from '../../../lib/local-name';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { stateLabel } from '../../work-orders/work-order-labels';
import { downloadFile } from '../download';
import { PrintWorkOrdersMutation } from '../graphql/print-work-orders';
import { parsePrintIds } from '../print-path';
import './print-work-orders-page.css';

type Sheet = PrintResult['printWorkOrders']['sheets'][number];

/**
 * Work-order sheets to print (工单打印), without the app's chrome: one sheet per page on paper.
 * Opening the page records the print (copy 1, then 2, 3… for reprints); "Print" opens the
 * browser's dialog, "Download PDF" fetches the same sheets as a PDF from the API (recorded as
 * another copy).
 */
export function PrintWorkOrdersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('print.title'));
  const [params] = useSearchParams();
  const ids = parsePrintIds(params.get('ids'));
  const [print, { data, error, loading }] = useMutation(PrintWorkOrdersMutation);
  const [pdf, setPdf] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  // One print per opening (React's development double effects must not record two copies).
  const printed = useRef<string | null>(null);
  const key = ids?.join(',') ?? null;
  useEffect(() => {
    if (!ids || printed.current === key) return;
    printed.current = key;
    void print({ variables: { input: { workOrderIds: ids } } }).catch(() => undefined);
  }, [ids, key, print]);

  async function downloadPdf() {
    setPdf({ busy: true, error: null });
    try {
      await downloadFile('/export/work-order-sheets.pdf', { method: 'POST', body: { workOrderIds: ids, lang: currentLanguage() === 'zh-CN' ? 'zh-cn' : 'en' } });
      setPdf({ busy: false, error: null });
    } catch (e) {
      setPdf({ busy: false, error: t('print.pdfFailed', { reason: (e as Error).message }) });
    }
  }

  const outcome = data?.printWorkOrders;
  return (
    <div className="print-page">
      <div className="print-toolbar no-print" role="toolbar" aria-label={t('print.title')}>
        <h1>{t('print.title')}</h1>
        <button type="button" className="button primary" onClick={() => window.print()} disabled={!outcome?.ok} data-testid="print-now">
          {t('print.print')}
        </button>
        <button type="button" className="button" onClick={() => void downloadPdf()} disabled={!outcome?.ok || pdf.busy} data-testid="print-pdf" title={t('print.pdfHint')}>
          {pdf.busy ? t('print.pdfBusy') : t('print.pdf')}
        </button>
        {pdf.error && (
          <span className="form-error" role="alert">
            {pdf.error}
          </span>
        )}
      </div>
      {!ids && (
        <p className="form-error" role="alert">
          {t('print.badIds', { value: params.get('ids') ?? '' })}
        </p>
      )}
      {loading && <p role="status">{t('common.loading')}</p>}
      {error && (
        <p className="form-error" role="alert">
          {t('print.failed', { reason: error.message })}
        </p>
      )}
      {outcome && !outcome.ok && (
        <p className="form-error" role="alert">
          {t('print.failed', { reason: outcome.error?.message ?? '' })}
        </p>
      )}
      {outcome?.sheets.map((sheet) => <WorkOrderSheet key={sheet.workOrder.id} sheet={sheet} />)}
    </div>
  );
}

function WorkOrderSheet({ sheet }: { sheet: Sheet }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const { workOrder, order } = sheet;
  const fields: [string, string][] = [
    [t('orders.orderNo'), order.orderNo],
    [t('orders.acceptanceNo'), order.acceptanceNo ?? '—'],
    [t('workOrders.columns.step'), localName(workOrder.step, lng)],
    [t('workOrders.columns.state'), stateLabel(t, workOrder.state)],
    [t('workOrders.columns.position'), localName(workOrder.position, lng) || '—'],
    [t('workOrders.columns.handler'), workOrder.handler ? `${workOrder.handler.name} (${workOrder.handler.staffNo})` : '—'],
    [t('workOrders.columns.createdAt'), formatDateTime(workOrder.createdAt)],
    [t('workOrders.columns.dueAt'), formatDateTime(workOrder.dueAt) || '—'],
    [t('workOrders.columns.customer'), order.customerName],
    [t('workOrders.columns.phone'), order.customerPhone ?? '—'],
    [t('queries.fields.broadbandAccount'), order.broadbandAccount ?? '—'],
    [t('orders.area'), localName(order.organisation, lng) || '—'],
    [t('orders.business'), `${order.businessCode} · ${t(`queries.orderType.${order.orderType}`, { defaultValue: order.orderType })}`],
    [t('orders.product'), order.productCode ?? '—'],
    [t('orders.acceptedAt'), formatDateTime(order.acceptedAt)],
  ];
  return (
    <article className="work-order-sheet" aria-label={workOrder.workOrderNo} data-testid="work-order-sheet">
      <header>
        <h2>{t('print.sheetTitle')}</h2>
        <span className="sheet-copy" data-testid="sheet-copy">
          {sheet.copy === 1 ? t('print.original') : t('print.copy', { copy: sheet.copy })}
        </span>
      </header>
      <p className="sheet-number mono">{workOrder.workOrderNo}</p>
      <dl className="sheet-fields">
        {fields.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div className="sheet-wide">
          <dt>{t('orders.address')}</dt>
          <dd className="sheet-address">{order.address}</dd>
        </div>
      </dl>
      {order.resources.length > 0 && (
        <table className="sheet-table">
          <caption>{t('orders.resources')}</caption>
          <thead>
            <tr>
              <th>{t('orders.resourceKey')}</th>
              <th>{t('orders.oldValue')}</th>
              <th>{t('orders.newValue')}</th>
            </tr>
          </thead>
          <tbody>
            {order.resources.map((r) => (
              <tr key={r.key}>
                <td>{r.key}</td>
                <td className="mono">{r.oldValue ?? ''}</td>
                <td className="mono">{r.newValue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table className="sheet-table">
        <caption>{t('print.demand')}</caption>
        <tbody>
          {order.demand.map((d) => (
            <tr key={d.key}>
              <th scope="row">{d.key}</th>
              <td>{d.value}</td>
              <td className="muted">{d.oldValue ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <footer>
        <div className="sheet-signatures">
          <span>{t('print.installerSignature')}</span>
          <span>{t('print.customerSignature')}</span>
        </div>
        <p className="sheet-printed">
          {t('print.printedAt', { time: formatDateTime(sheet.printedAt) })}
          {sheet.printedBy && ` · ${t('print.printedBy', { name: sheet.printedBy.name, staffNo: sheet.printedBy.staffNo })}`}
        </p>
      </footer>
    </article>
  );
}
