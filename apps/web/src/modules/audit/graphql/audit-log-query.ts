import { graphql } from '../../../generated';

/** One page of the audit log, newest first. */
export const AuditLogQuery = graphql(`
  query AuditLog($filter: AuditFilter, $first: Int!, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      totalCount
      totalCountCapped
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          at
          staffNo
          staffName
          action
          entityType
          entityId
          summary
          before
          after
          changedFields
        }
      }
    }
  }
`);
