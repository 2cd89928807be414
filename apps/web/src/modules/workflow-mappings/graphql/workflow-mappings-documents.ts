import { graphql } from '../../../generated';

export const IomWorkflowsQuery = graphql(`
  query IomWorkflows {
    iomWorkflows {
      ...IomWorkflowRow
    }
  }

  fragment IomWorkflowRow on IomWorkflow {
    code
    name
    nameEn
    description
    templateCode
    templateName
    templateNameEn
    templateVersion
    businessCount
  }
`);

export const BusinessWorkflowsQuery = graphql(`
  query BusinessWorkflows {
    businessWorkflows {
      ...BusinessWorkflowRow
    }
  }

  fragment BusinessWorkflowRow on BusinessWorkflow {
    businessCode
    name
    nameEn
    description
    iomWorkflow {
      ...IomWorkflowRow
    }
  }
`);

/** Engine templates to pick from (every version; the picker keeps the newest of each code). */
export const TemplatesToPickQuery = graphql(`
  query TemplatesToPick {
    workflowTemplates {
      id
      code
      version
      name
      nameEn
      active
    }
  }
`);

export const SaveIomWorkflowMutation = graphql(`
  mutation SaveIomWorkflow($input: SaveIomWorkflowInput!) {
    saveIomWorkflow(input: $input) {
      ok
      error {
        code
        message
        field
      }
      iomWorkflow {
        ...IomWorkflowRow
      }
    }
  }
`);

export const DeleteIomWorkflowMutation = graphql(`
  mutation DeleteIomWorkflow($input: DeleteByCodeInput!) {
    deleteIomWorkflow(input: $input) {
      ok
      error {
        code
        message
        field
      }
    }
  }
`);

export const SaveBusinessWorkflowMutation = graphql(`
  mutation SaveBusinessWorkflow($input: SaveBusinessWorkflowInput!) {
    saveBusinessWorkflow(input: $input) {
      ok
      error {
        code
        message
        field
      }
      businessWorkflow {
        ...BusinessWorkflowRow
      }
    }
  }
`);

export const DeleteBusinessWorkflowMutation = graphql(`
  mutation DeleteBusinessWorkflow($input: DeleteBusinessWorkflowInput!) {
    deleteBusinessWorkflow(input: $input) {
      ok
      error {
        code
        message
        field
      }
    }
  }
`);
