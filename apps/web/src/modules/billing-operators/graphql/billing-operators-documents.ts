import { graphql } from '../../../generated';

export const BillingOperatorsQuery = graphql(`
  query BillingOperators($search: String) {
    billingOperators(search: $search) {
      ...BillingOperatorRow
    }
  }

  fragment BillingOperatorRow on BillingOperator {
    staffId
    staffNo
    name
    organisationName
    level
  }
`);

export const SetBillingLevelMutation = graphql(`
  mutation SetBillingLevel($input: SetBillingLevelInput!) {
    setBillingLevel(input: $input) {
      ok
      error {
        code
        message
        field
      }
      operator {
        ...BillingOperatorRow
      }
    }
  }
`);
