import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OperateOnly, useMayOperate } from '../../../app/session/menu-access';
import { DeleteDialog } from '../../../components/delete-dialog';
import { ListStatus } from '../../../components/paged-list/list-status';
import type { BillFormatRowFragment } from '../../../generated/graphql';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { BillFormatDialog } from '../components/bill-format-dialog';
import { DeleteBillFormatMutation } from '../graphql/bill-formats-documents';
import { BillFormatsQuery } from '../graphql/billing-documents';
import '../billing.css';

type Dialog = { kind: 'edit' | 'try'; format: BillFormatRowFragment | null } | { kind: 'delete'; format: BillFormatRowFragment };

const OPERATE = 'billing:operate';

/** `/billing/formats` (menu `billing.formats`, 帐单格式): how bill files are read; try one on a sample. */
export function BillFormatsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.billing.formats'));
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mayOperate = useMayOperate(OPERATE);
  const formats = useQuery(BillFormatsQuery, { fetchPolicy: 'cache-and-network' });
  const [deleteFormat] = useMutation(DeleteBillFormatMutation);
  const list = formats.data?.billFormats ?? formats.previousData?.billFormats ?? [];

  const layout = (format: BillFormatRowFragment) => {
    if (format.kind === 'DELIMITED') return t('billing.formats.layoutDelimited', { separator: format.separator ? `“${format.separator}”` : t('billing.formats.spaces'), phone: format.phoneColumn, amount: format.amountColumn });
    const fields = t('billing.formats.layoutFixed', { phoneOffset: format.phoneOffset, phoneLength: format.phoneLength, amountOffset: format.amountOffset, amountLength: format.amountLength });
    return format.recordLength ? `${fields}; ${t('billing.formats.layoutRecords', { length: format.recordLength })}` : fields;
  };

  const remove = async (format: BillFormatRowFragment): Promise<string | null> => {
    const outcome = (await deleteFormat({ variables: { input: { id: format.id } } })).data?.deleteBillFormat;
    if (!outcome?.ok) return outcome?.error?.message ?? t('billing.formats.failed');
    setDialog(null);
    setNotice(t('billing.formats.deleted', { code: format.code }));
    await formats.refetch();
    return null;
  };

  return (
    <div className="page billing-page bill-formats-page">
      <div className="page-header">
        <h1>{t('menu.billing.formats')}</h1>
        {formats.data && (
          <span className="badge" data-testid="bill-formats-count">
            {t('billing.formats.count', { count: list.length })}
          </span>
        )}
      </div>
      <p className="page-intro muted">{t('billing.formats.intro')}</p>
      <OperateOnly permission={OPERATE}>
        <div className="toolbar">
          <div className="toolbar-actions">
            <button type="button" className="button primary" onClick={() => setDialog({ kind: 'edit', format: null })} data-testid="bill-format-new">
              {t('billing.formats.new')}
            </button>
          </div>
        </div>
      </OperateOnly>
      {notice && (
        <p className="notice ok" role="status" data-testid="bill-formats-notice">
          {notice}
        </p>
      )}
      <ListStatus loading={formats.loading && !formats.data} error={formats.error} empty={!!formats.data && list.length === 0} onRetry={() => void formats.refetch().catch(() => undefined)} />
      {list.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="bill-formats-table">
            <thead>
              <tr>
                <th scope="col">{t('billing.formats.code')}</th>
                <th scope="col">{t('billing.formats.name')}</th>
                <th scope="col">{t('billing.formats.kind')}</th>
                <th scope="col">{t('billing.formats.encoding')}</th>
                <th scope="col">{t('billing.formats.layout')}</th>
                <th scope="col">{t('billing.formats.headerLines')}</th>
                <th scope="col">{t('billing.formats.scale')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('billing.formats.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((format) => (
                <tr key={format.id} data-testid="bill-format-row" data-code={format.code}>
                  <td className="mono">{format.code}</td>
                  <td className="wrap">
                    {format.name}
                    {format.note && <div className="muted small">{format.note}</div>}
                  </td>
                  <td>{t(`billing.formats.kinds.${format.kind}`)}</td>
                  <td>{format.encoding}</td>
                  <td className="wrap">{layout(format)}</td>
                  <td>{format.headerLines}</td>
                  <td className="wrap">{t(`billing.formats.scales.${format.amountScale}`)}</td>
                  <td className="row-actions">
                    <button type="button" className="button" onClick={() => setDialog({ kind: 'try', format })} aria-label={t('billing.formats.tryNamed', { code: format.code })} data-testid="bill-format-try">
                      {t('billing.formats.try')}
                    </button>
                    {mayOperate && (
                      <>
                        <button type="button" className="button" onClick={() => setDialog({ kind: 'edit', format })} aria-label={t('common.editNamed', { name: format.code })} data-testid="bill-format-edit">
                          {t('common.edit')}
                        </button>
                        <button type="button" className="button" onClick={() => setDialog({ kind: 'delete', format })} aria-label={t('common.deleteNamed', { name: format.code })} data-testid="bill-format-delete">
                          {t('common.delete')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(dialog?.kind === 'edit' || dialog?.kind === 'try') && (
        <BillFormatDialog
          format={dialog.format}
          mode={dialog.kind}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            setNotice(t('billing.formats.saved', { code: saved.code }));
            void formats.refetch().catch(() => undefined);
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteDialog title={t('billing.formats.deleteTitle')} question={t('billing.formats.deleteConfirm', { code: dialog.format.code, name: dialog.format.name })} testId="bill-format-delete" onClose={() => setDialog(null)} onDelete={() => remove(dialog.format)} />
      )}
    </div>
  );
}
