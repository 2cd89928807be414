import { useEffect } from 'react';
import { i18n } from './i18n';

/** Sets the tab title to "<page> · OpenIOM". */
export function useDocumentTitle(page: string | null | undefined): void {
  useEffect(() => {
    const product = i18n.t('app.name');
    document.title = page ? `${page} · ${product}` : product;
  }, [page]);
}
