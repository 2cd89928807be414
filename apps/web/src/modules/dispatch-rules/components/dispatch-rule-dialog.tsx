import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import type { DispatchRuleRowFragment } from '../../../generated/graphql';
import { localName } from '../../../lib/local-name';
import { OrganisationSelect } from '../../organisations/components/organisation-select';
import { OrganisationsQuery } from '../../organisations/graphql/organisations-query';
import { QueryPositionChoicesQuery, WorkOrderTypesQuery } from '../../queries/graphql/work-order-query';
import { SaveDispatchRuleMutation } from '../graphql/dispatch-rules-documents';
import { organisationLines, servesArea } from '../../organisations/organisation-lines';
import { ruleErrorText } from '../rule-error-text';

interface DispatchRuleDialogProps {
  /** The rule to change; null for a new one. */
  rule: DispatchRuleRowFragment | null;
  onClose: () => void;
  onSaved: (rule: DispatchRuleRowFragment) => void;
}

/** Makes or changes a dispatch rule: area, work-order type (or any) and a position serving the area. */
export function DispatchRuleDialog({ rule, onClose, onSaved }: DispatchRuleDialogProps) {
  const { t } = useTranslation();
  const typeId = useId();
  const positionId = useId();
  const [areaId, setAreaId] = useState<string | null>(rule?.organisation.id ?? null);
  const [typeCode, setTypeCode] = useState(rule?.workOrderType?.code ?? '');
  const [position, setPosition] = useState(rule?.position.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const tree = useQuery(OrganisationsQuery);
  const types = useQuery(WorkOrderTypesQuery);
  const positions = useQuery(QueryPositionChoicesQuery);
  const [save, saving] = useMutation(SaveDispatchRuleMutation);

  const lines = useMemo(() => organisationLines(tree.data?.organisations ?? []), [tree.data]);
  const serving = useMemo(
    () => (areaId ? (positions.data?.positions ?? []).filter((p) => servesArea(lines, p.organisation.id, areaId)) : []),
    [areaId, lines, positions.data],
  );

  const submit = async () => {
    setError(null);
    if (!areaId || !position) {
      setError(t(!areaId ? 'dispatchRules.errors.pickArea' : 'dispatchRules.errors.pickPosition'));
      return;
    }
    try {
      const result = await save({ variables: { input: { id: rule?.id ?? null, organisationId: areaId, workOrderType: typeCode || null, positionId: position } } });
      const outcome = result.data?.saveDispatchRule;
      if (outcome?.ok && outcome.rule) onSaved(outcome.rule);
      else setError(ruleErrorText(t, outcome?.error));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <ActionDialog
      title={t(rule ? 'dispatchRules.editTitle' : 'dispatchRules.newTitle')}
      testId="dispatch-rule"
      onClose={onClose}
      onSubmit={() => void submit()}
      submitLabel={t('dispatchRules.save')}
      submitDisabled={saving.loading}
      error={error}
    >
      <OrganisationSelect
        value={areaId}
        onChange={(id) => {
          setAreaId(id);
          setPosition('');
        }}
        label={t('dispatchRules.area')}
        testId="dispatch-rule-area"
        emptyLabel={t('dispatchRules.pickArea')}
      />
      <div className="field">
        <label htmlFor={typeId}>{t('dispatchRules.workOrderType')}</label>
        <select id={typeId} value={typeCode} onChange={(e) => setTypeCode(e.target.value)} data-testid="dispatch-rule-type">
          <option value="">{t('dispatchRules.anyType')}</option>
          {(types.data?.workOrderTypes ?? []).map((type) => (
            <option key={type.code} value={type.code}>
              {localName(type)} ({type.code})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={positionId}>{t('dispatchRules.position')}</label>
        <select id={positionId} value={position} onChange={(e) => setPosition(e.target.value)} data-testid="dispatch-rule-position" disabled={!areaId}>
          <option value="">{areaId ? t('dispatchRules.pickPosition') : t('dispatchRules.pickAreaFirst')}</option>
          {serving.map((p) => (
            <option key={p.id} value={p.id}>
              {localName(p)}
            </option>
          ))}
        </select>
        {areaId && positions.data && serving.length === 0 && <p className="muted">{t('dispatchRules.noServingPositions')}</p>}
      </div>
    </ActionDialog>
  );
}
