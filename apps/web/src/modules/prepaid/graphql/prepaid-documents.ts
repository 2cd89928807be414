import { graphql } from '../../../generated';

export const PrepaidAccountsQuery = graphql(`
  query PrepaidAccounts($search: String, $first: Int!, $after: String) {
    prepaidAccounts(search: $search, first: $first, after: $after) {
      totalCount
      totalCountCapped
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...PrepaidAccountRow
        }
      }
    }
    prepaidSettings {
      restrictionLimit
    }
  }

  fragment PrepaidAccountRow on PrepaidAccount {
    id
    phone
    name
    note
    creditAmount
    balance
    available
    restricted
    updatedAt
  }
`);

export const PrepaidAccountDetailQuery = graphql(`
  query PrepaidAccountDetail($id: ID!) {
    prepaidAccount(id: $id) {
      ...PrepaidAccountRow
      ledger(first: 20) {
        totalCount
        edges {
          node {
            id
            kind
            amount
            balanceAfter
            note
            staffNo
            at
          }
        }
      }
      calls(first: 10) {
        totalCount
        edges {
          node {
            id
            calledNumber
            startedAt
            durationSeconds
            tariffCode
            charge
            state
            reason
          }
        }
      }
    }
  }
`);

export const PrepaidAccountChangedSubscription = graphql(`
  subscription PrepaidAccountChanged($id: ID!) {
    prepaidAccountChanged(id: $id) {
      ...PrepaidAccountRow
    }
  }
`);

export const SavePrepaidAccountMutation = graphql(`
  mutation SavePrepaidAccount($input: SavePrepaidAccountInput!) {
    savePrepaidAccount(input: $input) {
      ok
      error {
        code
        message
        field
      }
      account {
        ...PrepaidAccountRow
      }
    }
  }
`);

export const TopUpPrepaidMutation = graphql(`
  mutation TopUpPrepaid($input: TopUpPrepaidInput!) {
    topUpPrepaid(input: $input) {
      ok
      error {
        code
        message
        field
      }
      account {
        ...PrepaidAccountRow
      }
    }
  }
`);
