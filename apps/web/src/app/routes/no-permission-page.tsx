import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../lib/use-document-title';
import { findLeafByCode } from '../menu/menu-definition';

/**
 * Shown in place of a page whose menu code the viewer's position types do not grant, or whose extra
 * permission (`permission`) the viewer lacks.
 */
export function NoPermissionPage({ menuCode, permission }: { menuCode: string; permission?: string }) {
  const { t } = useTranslation();
  const leaf = findLeafByCode(menuCode);
  useDocumentTitle(t('noPermission.title'));
  return (
    <div className="page" data-testid="no-permission" data-menu-code={menuCode}>
      <h1>{t('noPermission.title')}</h1>
      <p>{permission ? t('noPermission.permission', { menu: leaf ? t(leaf.labelKey) : menuCode, permission }) : t('noPermission.body', { menu: leaf ? t(leaf.labelKey) : menuCode })}</p>
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </div>
  );
}
