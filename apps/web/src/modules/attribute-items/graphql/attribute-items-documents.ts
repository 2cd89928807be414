import { graphql } from '../../../generated';

export const AttributeItemsQuery = graphql(`
  query AttributeItems($filter: AttributeItemFilter) {
    attributeItems(filter: $filter) {
      ...AttributeItemRow
    }
  }

  fragment AttributeItemRow on AttributeItem {
    id
    code
    name
    nameEn
    valueType
    businessCode
    required
    description
  }
`);

export const SaveAttributeItemMutation = graphql(`
  mutation SaveAttributeItem($input: SaveAttributeItemInput!) {
    saveAttributeItem(input: $input) {
      ok
      error {
        code
        message
        field
      }
      attributeItem {
        ...AttributeItemRow
      }
    }
  }
`);

export const DeleteAttributeItemMutation = graphql(`
  mutation DeleteAttributeItem($input: DeleteAttributeItemInput!) {
    deleteAttributeItem(input: $input) {
      ok
      error {
        code
        message
        field
      }
    }
  }
`);
