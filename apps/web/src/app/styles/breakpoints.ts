/**
 * Below this width the side menu becomes a drawer opened from the header (phones, small tablets).
 * Keep in step with the `@media (max-width: 899.98px)` blocks in the stylesheets.
 */
export const COMPACT_LAYOUT_QUERY = '(max-width: 899.98px)';
