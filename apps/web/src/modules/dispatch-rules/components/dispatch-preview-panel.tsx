import { useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../lib/local-name';
import { OrganisationSelect } from '../../organisations/components/organisation-select';
import { WorkOrderTypesQuery } from '../../queries/graphql/work-order-query';
import { DispatchPreviewQuery } from '../graphql/dispatch-rules-documents';

/** "Where would a new work order of this area go?": the deciding rule and the others in line. */
export function DispatchPreviewPanel() {
  const { t } = useTranslation();
  const typeId = useId();
  const [areaId, setAreaId] = useState<string | null>(null);
  const [typeCode, setTypeCode] = useState('');
  const types = useQuery(WorkOrderTypesQuery);
  const preview = useQuery(DispatchPreviewQuery, {
    variables: { organisationId: areaId ?? '', workOrderType: typeCode || null },
    skip: !areaId,
    fetchPolicy: 'network-only',
  });
  const result = preview.data?.dispatchPreview;

  return (
    <section className="dispatch-preview" aria-labelledby="dispatch-preview-title" data-testid="dispatch-preview">
      <h2 id="dispatch-preview-title">{t('dispatchRules.preview.title')}</h2>
      <p className="muted">{t('dispatchRules.preview.intro')}</p>
      <OrganisationSelect value={areaId} onChange={setAreaId} label={t('dispatchRules.area')} testId="dispatch-preview-area" emptyLabel={t('dispatchRules.pickArea')} />
      <div className="toolbar-field">
        <label htmlFor={typeId}>{t('dispatchRules.workOrderType')}</label>
        <select id={typeId} value={typeCode} onChange={(e) => setTypeCode(e.target.value)} data-testid="dispatch-preview-type">
          <option value="">{t('dispatchRules.anyType')}</option>
          {(types.data?.workOrderTypes ?? []).map((type) => (
            <option key={type.code} value={type.code}>
              {localName(type)} ({type.code})
            </option>
          ))}
        </select>
      </div>
      <div aria-live="polite" data-testid="dispatch-preview-result">
        {preview.error && <p className="form-error">{preview.error.message}</p>}
        {result &&
          (result.position ? (
            <p className="dispatch-preview-answer" data-position-id={result.position.id}>
              {t('dispatchRules.preview.goesTo', { position: localName(result.position) })}{' '}
              <span className="muted">
                {t('dispatchRules.preview.byRule', {
                  area: localName(result.candidates[0]!.organisation),
                  type: result.candidates[0]!.workOrderType ? localName(result.candidates[0]!.workOrderType) : t('dispatchRules.anyType'),
                })}
              </span>
            </p>
          ) : (
            <p className="dispatch-preview-answer none" data-position-id="">
              {t('dispatchRules.preview.none')}
            </p>
          ))}
        {result && result.candidates.length > 1 && (
          <>
            <p className="muted">{t('dispatchRules.preview.others')}</p>
            <ol className="dispatch-preview-others">
              {result.candidates.slice(1).map((rule) => (
                <li key={rule.id}>
                  {localName(rule.organisation)} · {rule.workOrderType ? localName(rule.workOrderType) : t('dispatchRules.anyType')} → {localName(rule.position)}
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </section>
  );
}
