import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import type { BillFormatKind, BillFormatRowFragment, BillFormatSpecInput } from '../../../generated/graphql';
import { SaveBillFormatMutation } from '../graphql/bill-formats-documents';
import { BillFormatPreview } from './bill-format-preview';

const ENCODINGS = ['UTF-8', 'GBK'];
const KINDS: BillFormatKind[] = ['DELIMITED', 'FIXED_WIDTH'];
const NUMBERS = ['headerLines', 'phoneColumn', 'amountColumn', 'recordLength', 'phoneOffset', 'phoneLength', 'amountOffset', 'amountLength'] as const;
type NumberField = (typeof NUMBERS)[number];

const text = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));
const whole = (value: string) => (value.trim() === '' ? null : Number(value));

/**
 * Makes or changes a bill format (`mode` edit; `format` null for a new one), or only tries a saved
 * one (`mode` try: the fields read-only). Either way the sample preview reads with the layout as it
 * stands in the form, so a layout can be checked before it is saved.
 */
export function BillFormatDialog({ format, mode, onClose, onSaved }: { format: BillFormatRowFragment | null; mode: 'edit' | 'try'; onClose: () => void; onSaved: (saved: BillFormatRowFragment) => void }) {
  const { t } = useTranslation();
  const base = useId();
  const id = (name: string) => `${base}-${name}`;
  const [code, setCode] = useState(format?.code ?? '');
  const [name, setName] = useState(format?.name ?? '');
  const [note, setNote] = useState(format?.note ?? '');
  const [kind, setKind] = useState<BillFormatKind>(format?.kind ?? 'DELIMITED');
  const [encoding, setEncoding] = useState(format?.encoding ?? 'UTF-8');
  const [separator, setSeparator] = useState(format?.separator ?? '');
  const [amountScale, setAmountScale] = useState(format?.amountScale ?? 0);
  const [numbers, setNumbers] = useState<Record<NumberField, string>>(() => ({
    headerLines: text(format?.headerLines ?? 0),
    phoneColumn: text(format ? format.phoneColumn : 1),
    amountColumn: text(format ? format.amountColumn : 2),
    recordLength: text(format?.recordLength),
    phoneOffset: text(format?.phoneOffset),
    phoneLength: text(format?.phoneLength),
    amountOffset: text(format?.amountOffset),
    amountLength: text(format?.amountLength),
  }));
  const [error, setError] = useState<string | null>(null);
  const [save, saving] = useMutation(SaveBillFormatMutation);
  const readOnly = mode === 'try';

  const delimited = kind === 'DELIMITED';
  const spec: BillFormatSpecInput = {
    kind,
    encoding,
    headerLines: whole(numbers.headerLines) ?? 0,
    amountScale,
    separator: delimited ? separator || null : null,
    phoneColumn: delimited ? whole(numbers.phoneColumn) : null,
    amountColumn: delimited ? whole(numbers.amountColumn) : null,
    recordLength: delimited ? null : whole(numbers.recordLength),
    phoneOffset: delimited ? null : whole(numbers.phoneOffset),
    phoneLength: delimited ? null : whole(numbers.phoneLength),
    amountOffset: delimited ? null : whole(numbers.amountOffset),
    amountLength: delimited ? null : whole(numbers.amountLength),
  };

  const submit = async () => {
    setError(null);
    try {
      const outcome = (await save({ variables: { input: { id: format?.id ?? null, code: code.trim(), name: name.trim(), note: note.trim(), spec } } })).data?.saveBillFormat;
      if (outcome?.ok && outcome.billFormat) onSaved(outcome.billFormat);
      else setError(outcome?.error?.message ?? t('billing.formats.failed'));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const numberField = (field: NumberField, min: number, max: number, help?: string) => (
    <div className="field">
      <label htmlFor={id(field)}>{t(`billing.formats.${field}`)}</label>
      <input id={id(field)} type="number" inputMode="numeric" min={min} max={max} step={1} value={numbers[field]} onChange={(e) => setNumbers({ ...numbers, [field]: e.target.value })} aria-describedby={help} data-testid={`bill-format-${field}`} />
    </div>
  );

  const title = readOnly ? t('billing.formats.viewTitle', { code: format?.code }) : format ? t('billing.formats.editTitle', { code: format.code }) : t('billing.formats.newTitle');
  return (
    <ActionDialog title={title} testId="bill-format" onClose={onClose} onSubmit={readOnly ? null : () => void submit()} submitLabel={t('billing.formats.save')} submitDisabled={saving.loading} error={error}>
      <fieldset className="bill-format-fields" disabled={readOnly}>
        <legend className="visually-hidden">{title}</legend>
        <div className="dialog-columns">
          <div className="field">
            <label htmlFor={id('code')}>{t('billing.formats.code')}</label>
            <input id={id('code')} value={code} onChange={(e) => setCode(e.target.value)} required maxLength={30} pattern="[A-Za-z0-9_\-]+" data-testid="bill-format-code" />
          </div>
          <div className="field">
            <label htmlFor={id('name')}>{t('billing.formats.name')}</label>
            <input id={id('name')} value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} data-testid="bill-format-name" />
          </div>
        </div>
        <fieldset className="bill-format-kind">
          <legend>{t('billing.formats.kind')}</legend>
          {KINDS.map((value) => (
            <label key={value}>
              <input type="radio" name="bill-format-kind" value={value} checked={kind === value} onChange={() => setKind(value)} data-testid={`bill-format-kind-${value}`} />
              {t(`billing.formats.kinds.${value}`)}
            </label>
          ))}
        </fieldset>
        <div className="dialog-columns">
          <div className="field">
            <label htmlFor={id('encoding')}>{t('billing.formats.encoding')}</label>
            <select id={id('encoding')} value={encoding} onChange={(e) => setEncoding(e.target.value)} data-testid="bill-format-encoding">
              {ENCODINGS.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </div>
          {numberField('headerLines', 0, 100, id('headerHelp'))}
          <div className="field">
            <label htmlFor={id('scale')}>{t('billing.formats.scale')}</label>
            <select id={id('scale')} value={amountScale} onChange={(e) => setAmountScale(Number(e.target.value))} data-testid="bill-format-scale">
              {[0, 1, 2].map((value) => (
                <option key={value} value={value}>
                  {t(`billing.formats.scales.${value}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="muted field-help" id={id('headerHelp')}>
          {t('billing.formats.headerLinesHelp')}
        </p>
        {delimited ? (
          <div className="dialog-columns">
            <div className="field">
              <label htmlFor={id('separator')}>{t('billing.formats.separator')}</label>
              <input id={id('separator')} value={separator} onChange={(e) => setSeparator(e.target.value)} maxLength={5} aria-describedby={id('separatorHelp')} placeholder={t('billing.formats.spaces')} data-testid="bill-format-separator" />
              <span className="muted field-help" id={id('separatorHelp')}>
                {t('billing.formats.separatorHelp')}
              </span>
            </div>
            {numberField('phoneColumn', 1, 100)}
            {numberField('amountColumn', 1, 100)}
          </div>
        ) : (
          <>
            <div className="dialog-columns">
              {numberField('recordLength', 1, 4096, id('recordHelp'))}
              {numberField('phoneOffset', 0, 4095, id('offsetHelp'))}
              {numberField('phoneLength', 1, 15)}
              {numberField('amountOffset', 0, 4095, id('offsetHelp'))}
              {numberField('amountLength', 1, 20)}
            </div>
            <p className="muted field-help">
              <span id={id('recordHelp')}>{t('billing.formats.recordLengthHelp')}</span> · <span id={id('offsetHelp')}>{t('billing.formats.offsetHelp')}</span>
            </p>
          </>
        )}
        <div className="field">
          <label htmlFor={id('note')}>{t('billing.formats.note')}</label>
          <input id={id('note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} data-testid="bill-format-note" />
        </div>
      </fieldset>
      <BillFormatPreview spec={spec} />
    </ActionDialog>
  );
}
