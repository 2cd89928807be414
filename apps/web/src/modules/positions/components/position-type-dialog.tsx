import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionDialog } from '../../../components/action-dialog';
import { MENU } from '../../../app/menu/menu-definition';
import type { PositionKind, PositionTypeRowFragment } from '../../../generated/graphql';
import { SavePositionTypeMutation } from '../graphql/position-documents';
import { grantedMenus, tickedLeaves } from '../menu-choice';

export const KINDS: PositionKind[] = ['SYSTEM_ADMIN', 'WORK_ORDER', 'GENERAL'];

/** Makes or changes a position type; administration and general types choose their menus. */
export function PositionTypeDialog({ type, onClose, onSaved }: { type: PositionTypeRowFragment | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const ids = { code: useId(), name: useId(), nameEn: useId(), kind: useId() };
  const [code, setCode] = useState(type?.code ?? '');
  const [name, setName] = useState(type?.name ?? '');
  const [nameEn, setNameEn] = useState(type?.nameEn ?? '');
  const [kind, setKind] = useState<PositionKind>(type?.kind ?? 'GENERAL');
  const [leaves, setLeaves] = useState<Set<string>>(() => tickedLeaves(MENU, type?.menus ?? []));
  const [applyToHolders, setApplyToHolders] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [save, saving] = useMutation(SavePositionTypeMutation);
  const carriesMenus = kind !== 'WORK_ORDER';

  const toggle = (codes: string[], on: boolean) =>
    setLeaves((current) => {
      const next = new Set(current);
      for (const leaf of codes) (on ? next.add(leaf) : next.delete(leaf));
      return next;
    });

  const submit = async () => {
    setError(null);
    try {
      const menus = carriesMenus ? grantedMenus(MENU, leaves) : [];
      const outcome = (await save({ variables: { input: { id: type?.id ?? null, code: code.trim(), name: name.trim(), nameEn: nameEn.trim(), kind, menus, applyMenusToHolders: type !== null && carriesMenus && applyToHolders } } })).data?.savePositionType;
      if (outcome?.ok) onSaved();
      else setError(outcome?.error?.message ?? t('positions.failed'));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <ActionDialog title={t(type ? 'positions.types.editTitle' : 'positions.types.newTitle')} testId="position-type" onClose={onClose} onSubmit={() => void submit()} submitLabel={t('positions.save')} submitDisabled={saving.loading} error={error}>
      <div className="dialog-columns">
        <div className="field">
          <label htmlFor={ids.code}>{t('positions.code')}</label>
          <input id={ids.code} value={code} onChange={(e) => setCode(e.target.value)} required maxLength={40} pattern="[A-Za-z0-9_.\-]+" data-testid="position-type-code" />
        </div>
        <div className="field">
          <label htmlFor={ids.kind}>{t('positions.kind')}</label>
          <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as PositionKind)} data-testid="position-type-kind">
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`positions.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.name}>{t('positions.name')}</label>
          <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} data-testid="position-type-name" />
        </div>
        <div className="field">
          <label htmlFor={ids.nameEn}>{t('positions.nameEn')}</label>
          <input id={ids.nameEn} value={nameEn} onChange={(e) => setNameEn(e.target.value)} maxLength={80} data-testid="position-type-name-en" />
        </div>
      </div>
      {carriesMenus ? (
        <fieldset className="menu-choice" data-testid="position-type-menus">
          <legend>{t('positions.types.menus')}</legend>
          {MENU.map((group) => {
            const codes = group.leaves.map((leaf) => leaf.code);
            const ticked = codes.filter((c) => leaves.has(c)).length;
            return (
              <div key={group.code} className="menu-choice-group">
                <label className="menu-choice-title">
                  <input
                    type="checkbox"
                    checked={ticked === codes.length}
                    ref={(input) => {
                      if (input) input.indeterminate = ticked > 0 && ticked < codes.length;
                    }}
                    onChange={(e) => toggle(codes, e.target.checked)}
                    data-testid="menu-group"
                    data-code={group.code}
                  />
                  {t(group.labelKey)}
                </label>
                <ul>
                  {group.leaves.map((leaf) => (
                    <li key={leaf.code}>
                      <label>
                        <input type="checkbox" checked={leaves.has(leaf.code)} onChange={(e) => toggle([leaf.code], e.target.checked)} data-testid="menu-leaf" data-code={leaf.code} />
                        {t(leaf.labelKey)}
                        {!leaf.path && <span className="muted"> ({t('positions.types.planned')})</span>}
                      </label>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </fieldset>
      ) : (
        <p className="muted" data-testid="position-type-no-menus">
          {t('positions.types.noMenus')}
        </p>
      )}
      {type && carriesMenus && (
        <label className="position-type-apply">
          <input type="checkbox" checked={applyToHolders} onChange={(e) => setApplyToHolders(e.target.checked)} data-testid="position-type-apply" />
          {t('positions.types.applyToHolders')}
        </label>
      )}
    </ActionDialog>
  );
}
