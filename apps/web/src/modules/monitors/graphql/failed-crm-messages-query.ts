import { graphql } from '../../../generated';

/** One page of the inbound CRM messages that were refused, newest first, with the reasons. */
export const FailedCrmMessagesQuery = graphql(`
  query FailedCrmMessages($first: Int!, $after: String) {
    crmInboundMessages(state: FAILED, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          format
          state
          crmOrderCode
          failureReason
          attempts
          receivedAt
          processedAt
        }
      }
    }
  }
`);
