/**
 * Prisma's `contains` and `startsWith` put the text into LIKE as it is, so `%` and `_` would act as
 * wildcards. Escaped this way (backslash is PostgreSQL's default LIKE escape), they match themselves.
 */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
