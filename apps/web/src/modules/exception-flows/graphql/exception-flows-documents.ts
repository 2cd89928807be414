import { graphql } from '../../../generated';

/** The exception types and the businesses (with their templates), for the configuration screen. */
export const ExceptionTypesAndBusinessesQuery = graphql(`
  query ExceptionTypesAndBusinesses {
    exceptionTypes {
      ...ExceptionTypeRow
    }
    exceptionFlowBusinesses {
      businessCode
      name
      nameEn
      templateCode
    }
  }

  fragment ExceptionTypeRow on ExceptionType {
    code
    name
    nameEn
    description
    manual
    routeCount
  }
`);

/** The exception routes of the newest active version of a template. */
export const ExceptionFlowsQuery = graphql(`
  query ExceptionFlows($templateCode: String!) {
    exceptionFlows(templateCode: $templateCode) {
      ...ExceptionFlowsFields
    }
  }

  fragment ExceptionFlowsFields on ExceptionFlows {
    templateId
    templateCode
    version
    name
    nameEn
    steps {
      code
      name
      nameEn
      kind
    }
    routes {
      from
      exceptionTypeCode
      to
    }
  }
`);

export const SaveExceptionTypeMutation = graphql(`
  mutation SaveExceptionType($input: SaveExceptionTypeInput!) {
    saveExceptionType(input: $input) {
      ok
      error {
        code
        message
        field
      }
      exceptionType {
        ...ExceptionTypeRow
      }
    }
  }
`);

export const DeleteExceptionTypeMutation = graphql(`
  mutation DeleteExceptionType($input: DeleteExceptionTypeInput!) {
    deleteExceptionType(input: $input) {
      ok
      error {
        code
        message
        field
      }
    }
  }
`);

export const SaveExceptionFlowsMutation = graphql(`
  mutation SaveExceptionFlows($input: SaveExceptionFlowsInput!) {
    saveExceptionFlows(input: $input) {
      ok
      error {
        code
        message
        field
      }
      problems {
        code
        stepCode
        message
      }
      flows {
        ...ExceptionFlowsFields
      }
    }
  }
`);
