import { graphql } from '../../../generated';

/** The dispatch rules of an area (and below it), by area then type. */
export const DispatchRulesQuery = graphql(`
  query DispatchRules($filter: DispatchRuleFilter) {
    dispatchRules(filter: $filter) {
      ...DispatchRuleRow
    }
  }

  fragment DispatchRuleRow on DispatchRule {
    id
    createdAt
    organisation {
      id
      name
      nameEn
    }
    workOrderType {
      code
      name
      nameEn
    }
    position {
      id
      name
      nameEn
    }
  }
`);

/** Which position a new work order of an area (and type) would get, and by which rule. */
export const DispatchPreviewQuery = graphql(`
  query DispatchPreview($organisationId: ID!, $workOrderType: String) {
    dispatchPreview(organisationId: $organisationId, workOrderType: $workOrderType) {
      position {
        id
        name
        nameEn
      }
      rule {
        id
      }
      candidates {
        ...DispatchRuleRow
      }
    }
  }
`);

export const SaveDispatchRuleMutation = graphql(`
  mutation SaveDispatchRule($input: SaveDispatchRuleInput!) {
    saveDispatchRule(input: $input) {
      ok
      error {
        code
        message
        field
      }
      rule {
        ...DispatchRuleRow
      }
    }
  }
`);

export const DeleteDispatchRuleMutation = graphql(`
  mutation DeleteDispatchRule($input: DeleteDispatchRuleInput!) {
    deleteDispatchRule(input: $input) {
      ok
      error {
        code
        message
        field
      }
    }
  }
`);
