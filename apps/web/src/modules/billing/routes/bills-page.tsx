import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMayOperate } from '../../../app/session/menu-access';
import { DeleteDialog } from '../../../components/delete-dialog';
import { ListStatus } from '../../../components/paged-list/list-status';
import type { BillRowFragment } from '../../../generated/graphql';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { CorrectBillDialog } from '../components/correct-bill-dialog';
import { BillsQuery, DeleteBillMutation } from '../graphql/bills-documents';
import '../billing.css';

const OPERATE = 'billing:operate';
const PAGE = 100;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

type Dialog = { kind: 'correct' | 'delete'; bill: BillRowFragment };

/**
 * `/billing/bills` (menu `billing.bills`, 帐单操作): the bills in force by number and/or month
 * (`?phone=…&month=…`, so a search can be linked); operators correct or delete one (audited).
 */
export function BillsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.billing.bills'));
  const phoneId = useId();
  const monthId = useId();
  const [params, setParams] = useSearchParams();
  const phone = params.get('phone') ?? '';
  const month = params.get('month') ?? '';
  const [phoneInput, setPhoneInput] = useState(phone);
  const [monthInput, setMonthInput] = useState(month);
  const [formError, setFormError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mayOperate = useMayOperate(OPERATE);
  const searching = phone !== '' || month !== '';
  const bills = useQuery(BillsQuery, { variables: { filter: { phone: phone || null, billingMonth: month || null }, afterPhone: null }, skip: !searching, fetchPolicy: 'network-only', notifyOnNetworkStatusChange: true });
  const [deleteBill] = useMutation(DeleteBillMutation);
  const list = searching ? (bills.data?.bills ?? []) : [];
  const [lastPageFull, setLastPageFull] = useState(true);

  const search = (e: FormEvent) => {
    e.preventDefault();
    const nextPhone = phoneInput.trim();
    const nextMonth = monthInput.trim();
    if (nextPhone === '' && nextMonth === '') {
      setFormError(t('billing.bills.needOne'));
      return;
    }
    setFormError(null);
    setNotice(null);
    setLastPageFull(true);
    // The same search again reads the bills again (someone may have changed them).
    if (nextPhone === phone && nextMonth === month) void bills.refetch().catch(() => undefined);
    else setParams(Object.fromEntries(Object.entries({ phone: nextPhone, month: nextMonth }).filter(([, value]) => value !== '')));
  };

  const more = async () => {
    const last = list[list.length - 1];
    const next = await bills.fetchMore({ variables: { afterPhone: last.phone }, updateQuery: (previous, { fetchMoreResult }) => ({ bills: [...previous.bills, ...fetchMoreResult.bills] }) });
    setLastPageFull((next.data?.bills.length ?? 0) === PAGE);
  };

  // The list changes in place: a month of many pages stays where the operator is.
  const patch = (change: (rows: BillRowFragment[]) => BillRowFragment[]) => bills.updateQuery((previous) => ({ bills: change((previous.bills ?? []) as BillRowFragment[]) }));
  const same = (a: BillRowFragment, b: BillRowFragment) => a.phone === b.phone && a.billingMonth === b.billingMonth;

  const remove = async (bill: BillRowFragment): Promise<string | null> => {
    const outcome = (await deleteBill({ variables: { input: { billingMonth: bill.billingMonth, phone: bill.phone, importId: bill.importId } } })).data?.deleteBill;
    if (!outcome?.ok) return outcome?.error?.message ?? t('billing.bills.failed');
    setDialog(null);
    patch((rows) => rows.filter((row) => !same(row, bill)));
    setNotice(t('billing.bills.deleted', { phone: bill.phone, month: bill.billingMonth }));
    return null;
  };

  return (
    <div className="page billing-page bills-page">
      <div className="page-header">
        <h1>{t('menu.billing.bills')}</h1>
        {searching && bills.data && (
          <span className="badge" data-testid="bills-count">
            {t('billing.bills.count', { count: list.length })}
          </span>
        )}
      </div>
      <p className="page-intro muted">{t('billing.bills.intro')}</p>
      <form className="toolbar" role="search" aria-label={t('billing.bills.filterLabel')} onSubmit={search} noValidate>
        <div className="toolbar-field">
          <label htmlFor={phoneId}>{t('billing.bills.phone')}</label>
          <input id={phoneId} value={phoneInput} onChange={(e) => setPhoneInput(e.target.value)} inputMode="numeric" maxLength={15} data-testid="bills-phone" />
        </div>
        <div className="toolbar-field">
          <label htmlFor={monthId}>{t('billing.month')}</label>
          <input id={monthId} value={monthInput} onChange={(e) => setMonthInput(e.target.value)} placeholder="YYYY-MM" aria-invalid={monthInput.trim() !== '' && !MONTH.test(monthInput.trim())} data-testid="bills-month" />
        </div>
        <div className="toolbar-actions">
          <button type="submit" className="button primary" data-testid="bills-search">
            {t('billing.bills.search')}
          </button>
        </div>
      </form>
      {formError && (
        <p className="form-error" role="alert" data-testid="bills-form-error">
          {formError}
        </p>
      )}
      {notice && (
        <p className="notice ok" role="status" data-testid="bills-notice">
          {notice}
        </p>
      )}
      {searching && (
        <>
          {bills.error ? (
            <p className="form-error" role="alert" data-testid="bills-error">
              {bills.error.message}
            </p>
          ) : (
            <ListStatus loading={bills.loading && !bills.data} error={null} empty={!!bills.data && list.length === 0} onRetry={() => void bills.refetch().catch(() => undefined)} />
          )}
          {list.length > 0 && (
            <div className="table-scroll">
              <table className="data-table" data-testid="bills-table">
                <thead>
                  <tr>
                    <th scope="col">{t('billing.month')}</th>
                    <th scope="col">{t('billing.bills.phone')}</th>
                    <th scope="col" className="amount">
                      {t('billing.bills.amount')}
                    </th>
                    <th scope="col">{t('billing.bills.importId')}</th>
                    {mayOperate && (
                      <th scope="col">
                        <span className="visually-hidden">{t('billing.bills.actions')}</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {list.map((bill) => (
                    <tr key={`${bill.billingMonth}/${bill.phone}`} data-testid="bill-row" data-phone={bill.phone} data-month={bill.billingMonth}>
                      <td className="mono">{bill.billingMonth}</td>
                      <td className="mono">{bill.phone}</td>
                      <td className="mono amount" data-testid="bill-amount">
                        {bill.amount}
                      </td>
                      <td className="mono muted">#{bill.importId}</td>
                      {mayOperate && (
                        <td className="row-actions">
                          <button type="button" className="button" onClick={() => setDialog({ kind: 'correct', bill })} aria-label={t('billing.bills.correctNamed', { phone: bill.phone, month: bill.billingMonth })} data-testid="bill-correct">
                            {t('billing.bills.correct')}
                          </button>
                          <button type="button" className="button" onClick={() => setDialog({ kind: 'delete', bill })} aria-label={t('billing.bills.deleteNamed', { phone: bill.phone, month: bill.billingMonth })} data-testid="bill-delete">
                            {t('common.delete')}
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {list.length > 0 && list.length % PAGE === 0 && lastPageFull && (
            <button type="button" className="button bills-more" onClick={() => void more()} disabled={bills.loading} data-testid="bills-more">
              {t('billing.bills.more')}
            </button>
          )}
        </>
      )}
      {dialog?.kind === 'correct' && (
        <CorrectBillDialog
          bill={dialog.bill}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            patch((rows) => rows.map((row) => (same(row, saved) ? saved : row)));
            setNotice(t('billing.bills.corrected', { phone: saved.phone, month: saved.billingMonth, amount: saved.amount }));
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteDialog title={t('billing.bills.deleteTitle')} question={t('billing.bills.deleteConfirm', { phone: dialog.bill.phone, month: dialog.bill.billingMonth, amount: dialog.bill.amount })} testId="bill-delete" onClose={() => setDialog(null)} onDelete={() => remove(dialog.bill)} />
      )}
    </div>
  );
}
