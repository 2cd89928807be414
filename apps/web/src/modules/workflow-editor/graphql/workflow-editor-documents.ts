import { graphql } from '../../../generated';

/** Every template version, by code then newest first. */
export const WorkflowTemplatesQuery = graphql(`
  query WorkflowTemplates {
    workflowTemplates {
      ...WorkflowTemplateVersionRow
    }
  }

  fragment WorkflowTemplateVersionRow on WorkflowTemplateVersion {
    id
    code
    version
    name
    nameEn
    active
    orderCount
    createdAt
  }
`);

/** One version as an editable graph. */
export const WorkflowTemplateGraphQuery = graphql(`
  query WorkflowTemplateGraph($id: ID!) {
    workflowTemplateGraph(id: $id) {
      id
      version
      active
      code
      name
      nameEn
      steps {
        code
        name
        nameEn
        kind
        workOrderTypeCode
        joinAll
        positionCode
        timeLimitTypeCode
        handlerFromStep
      }
      transitions {
        from
        to
        kind
        exceptionType
      }
    }
  }
`);

/** The problems that would keep a graph from being saved. */
export const ValidateWorkflowTemplateQuery = graphql(`
  query ValidateWorkflowTemplate($input: TemplateGraphInput!) {
    validateWorkflowTemplate(input: $input) {
      ...TemplateGraphProblemRow
    }
  }

  fragment TemplateGraphProblemRow on TemplateGraphProblem {
    code
    stepCode
    transitionIndex
    message
  }
`);

/** What changed from one version to another. */
export const WorkflowTemplateDiffQuery = graphql(`
  query WorkflowTemplateDiff($fromId: ID!, $toId: ID!) {
    workflowTemplateDiff(fromId: $fromId, toId: $toId) {
      stepsAdded
      stepsRemoved
      stepsChanged {
        code
        fields
      }
      transitionsAdded {
        from
        to
        kind
        exceptionType
      }
      transitionsRemoved {
        from
        to
        kind
        exceptionType
      }
    }
  }
`);

/** A version as the JSON file to download. */
export const ExportWorkflowTemplateQuery = graphql(`
  query ExportWorkflowTemplate($id: ID!) {
    exportWorkflowTemplate(id: $id)
  }
`);

export const SaveWorkflowTemplateVersionMutation = graphql(`
  mutation SaveWorkflowTemplateVersion($input: TemplateGraphInput!) {
    saveWorkflowTemplateVersion(input: $input) {
      ...SaveWorkflowTemplateOutcome
    }
  }

  fragment SaveWorkflowTemplateOutcome on SaveWorkflowTemplateResult {
    ok
    problems {
      ...TemplateGraphProblemRow
    }
    template {
      ...WorkflowTemplateVersionRow
    }
  }
`);

export const ImportWorkflowTemplateMutation = graphql(`
  mutation ImportWorkflowTemplate($json: String!) {
    importWorkflowTemplate(json: $json) {
      ...SaveWorkflowTemplateOutcome
    }
  }
`);

/** The exception types an exception edge may name (configuration 异常类型). */
export const EditorExceptionTypesQuery = graphql(`
  query EditorExceptionTypes {
    exceptionTypes {
      code
      name
      nameEn
      manual
    }
  }
`);
