import { graphql } from '../../../generated';

export const PositionTypesQuery = graphql(`
  query PositionTypes {
    positionTypes {
      ...PositionTypeRow
    }
  }

  fragment PositionTypeRow on PositionType {
    id
    code
    name
    nameEn
    kind
    menus
    positionCount
  }
`);

export const ManagedPositionsQuery = graphql(`
  query ManagedPositions($filter: PositionFilter) {
    managedPositions(filter: $filter) {
      ...ManagedPositionRow
    }
  }

  fragment ManagedPositionRow on Position {
    id
    code
    name
    nameEn
    holderCount
    organisation {
      id
      name
      nameEn
    }
    positionType {
      id
      code
      name
      nameEn
      kind
    }
  }
`);

export const SavePositionTypeMutation = graphql(`
  mutation SavePositionType($input: SavePositionTypeInput!) {
    savePositionType(input: $input) {
      ok
      error {
        code
        message
        field
      }
    }
  }
`);

export const DeletePositionTypeMutation = graphql(`
  mutation DeletePositionType($input: DeleteByIdInput!) {
    deletePositionType(input: $input) {
      ok
      error {
        code
        message
        field
      }
    }
  }
`);

export const SavePositionMutation = graphql(`
  mutation SavePosition($input: SavePositionInput!) {
    savePosition(input: $input) {
      ok
      error {
        code
        message
        field
      }
    }
  }
`);

export const DeletePositionMutation = graphql(`
  mutation DeletePosition($input: DeleteByIdInput!) {
    deletePosition(input: $input) {
      ok
      error {
        code
        message
        field
      }
    }
  }
`);
