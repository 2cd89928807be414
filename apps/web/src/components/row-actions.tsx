import { useTranslation } from 'react-i18next';
import { useMayOperate } from '../app/session/menu-access';

/** Edit and Delete buttons of a configuration list's row; their accessible names say which row. */
export function RowActions({ name, onEdit, onDelete, testIdPrefix = 'row', permission }: { name: string; onEdit: () => void; onDelete: () => void; testIdPrefix?: string; permission?: string }) {
  const { t } = useTranslation();
  // A read-only screen (menu permission without operate) keeps the cell, without the buttons.
  if (!useMayOperate(permission)) return <td className="row-actions" />;
  return (
    <td className="row-actions">
      <button type="button" className="button" onClick={onEdit} aria-label={t('common.editNamed', { name })} data-testid={`${testIdPrefix}-edit`}>
        {t('common.edit')}
      </button>
      <button type="button" className="button" onClick={onDelete} aria-label={t('common.deleteNamed', { name })} data-testid={`${testIdPrefix}-delete`}>
        {t('common.delete')}
      </button>
    </td>
  );
}
