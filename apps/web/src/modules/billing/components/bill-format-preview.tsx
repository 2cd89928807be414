import { useApolloClient } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BillFormatSpecInput, BillFormatPreviewQuery as PreviewResult } from '../../../generated/graphql';
import { BillFormatPreviewQuery } from '../graphql/bill-formats-documents';

/** What the API reads of a sample: 64 KB. */
const SAMPLE_BYTES = 65_536;

/** A chosen sample file's first 64 KB, cut at the last whole line, in the format's encoding. */
function decodeSample(bytes: Uint8Array, encoding: string, cut: boolean): string {
  let end = bytes.length;
  if (cut) {
    const lastNewline = bytes.lastIndexOf(10);
    if (lastNewline > 0) end = lastNewline + 1;
  }
  return new TextDecoder(encoding === 'GBK' ? 'gbk' : 'utf-8').decode(bytes.subarray(0, end));
}

/**
 * Tries a format (as it stands in the form, saved or not) on pasted lines or a chosen file: each
 * record's phone number and amount, or why it is bad (a layout the API refuses says why instead).
 */
export function BillFormatPreview({ spec }: { spec: BillFormatSpecInput }) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const ids = { sample: useId(), file: useId(), help: useId() };
  const [sample, setSample] = useState('');
  const [file, setFile] = useState<{ bytes: Uint8Array; cut: boolean; encoding: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [lines, setLines] = useState<PreviewResult['billFormatPreview'] | null>(null);

  // A chosen file is decoded again when the encoding changes (the bytes are what the import reads).
  if (file && file.encoding !== spec.encoding) {
    setFile({ ...file, encoding: spec.encoding });
    setSample(decodeSample(file.bytes, spec.encoding, file.cut));
  }

  const choose = async (chosen: File | undefined) => {
    if (!chosen) return;
    const bytes = new Uint8Array(await chosen.slice(0, SAMPLE_BYTES).arrayBuffer());
    const cut = chosen.size > SAMPLE_BYTES;
    setFile({ bytes, cut, encoding: spec.encoding });
    setSample(decodeSample(bytes, spec.encoding, cut));
    setLines(null);
  };

  const run = async () => {
    setError(null);
    if (sample.trim() === '') {
      setError(t('billing.formats.preview.empty'));
      return;
    }
    setBusy(true);
    try {
      const result = await client.query({ query: BillFormatPreviewQuery, variables: { spec, sample }, fetchPolicy: 'network-only' });
      setLines(result.data?.billFormatPreview ?? []);
    } catch (e) {
      setLines(null);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const good = lines?.filter((line) => line.problem === null).length ?? 0;
  return (
    <section className="bill-format-preview" aria-labelledby={`${ids.sample}-title`} data-testid="bill-format-preview">
      <h3 id={`${ids.sample}-title`}>{t('billing.formats.preview.title')}</h3>
      <p className="muted" id={ids.help}>
        {t('billing.formats.preview.sampleHelp')}
      </p>
      <div className="field">
        <label htmlFor={ids.sample}>{t('billing.formats.preview.sample')}</label>
        <textarea
          id={ids.sample}
          className="mono"
          rows={5}
          value={sample}
          aria-describedby={ids.help}
          onChange={(e) => {
            setSample(e.target.value);
            setFile(null);
          }}
          data-testid="bill-format-sample"
        />
      </div>
      <div className="bill-format-preview-actions">
        <div className="field">
          <label htmlFor={ids.file}>{t('billing.formats.preview.file')}</label>
          <input id={ids.file} type="file" onChange={(e) => void choose(e.target.files?.[0])} data-testid="bill-format-sample-file" />
        </div>
        <button type="button" className="button" onClick={() => void run()} disabled={busy} data-testid="bill-format-preview-run">
          {t('billing.formats.preview.run')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="bill-format-preview-error">
          {error}
        </p>
      )}
      {lines && (
        <>
          <p role="status" data-testid="bill-format-preview-counts">
            {t('billing.formats.preview.counts', { good, bad: lines.length - good, shown: lines.length })}
          </p>
          <div className="table-scroll bill-format-preview-table">
            <table className="data-table" data-testid="bill-format-preview-table">
              <thead>
                <tr>
                  <th scope="col">{t('billing.formats.preview.line')}</th>
                  <th scope="col">{t('billing.formats.preview.phone')}</th>
                  <th scope="col">{t('billing.formats.preview.amount')}</th>
                  <th scope="col">{t('billing.formats.preview.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => (
                  <tr key={line.lineNo} data-testid="bill-format-preview-line" data-line={line.lineNo} data-ok={line.problem === null}>
                    <td className="mono">{line.lineNo}</td>
                    <td className="mono">{line.phone ?? ''}</td>
                    <td className="mono amount">{line.amount ?? ''}</td>
                    <td className={line.problem ? 'problem' : 'muted'}>
                      {line.problem ?? t('billing.formats.preview.ok')}
                      {line.problem && line.text && <div className="mono muted">{line.text}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
