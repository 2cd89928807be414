import { graphql } from '../../../generated';

/** Every category (also those without types) and every type, for the configuration screen. */
export const WorkOrderCategoriesAndTypesQuery = graphql(`
  query WorkOrderCategoriesAndTypes {
    workOrderCategories {
      ...WorkOrderCategoryRow
    }
    workOrderTypes {
      ...WorkOrderTypeRow
    }
  }

  fragment WorkOrderCategoryRow on WorkOrderCategory {
    code
    name
    nameEn
  }

  fragment WorkOrderTypeRow on WorkOrderType {
    code
    name
    nameEn
    category {
      code
      name
      nameEn
    }
  }
`);

export const SaveWorkOrderCategoryMutation = graphql(`
  mutation SaveWorkOrderCategory($input: SaveWorkOrderCategoryInput!) {
    saveWorkOrderCategory(input: $input) {
      ok
      error {
        code
        message
        field
      }
      category {
        ...WorkOrderCategoryRow
      }
    }
  }
`);

export const DeleteWorkOrderCategoryMutation = graphql(`
  mutation DeleteWorkOrderCategory($input: DeleteByCodeInput!) {
    deleteWorkOrderCategory(input: $input) {
      ok
      error {
        code
        message
        field
      }
    }
  }
`);

export const SaveWorkOrderTypeMutation = graphql(`
  mutation SaveWorkOrderType($input: SaveWorkOrderTypeInput!) {
    saveWorkOrderType(input: $input) {
      ok
      error {
        code
        message
        field
      }
      workOrderType {
        ...WorkOrderTypeRow
      }
    }
  }
`);

export const DeleteWorkOrderTypeMutation = graphql(`
  mutation DeleteWorkOrderType($input: DeleteByCodeInput!) {
    deleteWorkOrderType(input: $input) {
      ok
      error {
        code
        message
        field
      }
    }
  }
`);
