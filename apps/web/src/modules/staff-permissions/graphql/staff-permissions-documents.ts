import { graphql } from '../../../generated';

export const StaffPermissionsQuery = graphql(`
  query StaffPermissions($staffId: ID!) {
    staffPermissions(staffId: $staffId) {
      ...StaffPermissionsFields
    }
  }

  fragment StaffPermissionsFields on StaffPermissions {
    staff {
      id
      staffNo
      name
    }
    menus {
      menuCode
      operate
    }
    organisations {
      id
    }
    workOrderPositions {
      id
    }
  }
`);

export const SetStaffPermissionsMutation = graphql(`
  mutation SetStaffPermissions($input: SetStaffPermissionsInput!) {
    setStaffPermissions(input: $input) {
      ok
      error {
        code
        message
        field
      }
      permissions {
        ...StaffPermissionsFields
      }
    }
  }
`);

export const CopyStaffPermissionsMutation = graphql(`
  mutation CopyStaffPermissions($input: CopyStaffPermissionsInput!) {
    copyStaffPermissions(input: $input) {
      ok
      error {
        code
        message
        field
      }
      permissions {
        ...StaffPermissionsFields
      }
    }
  }
`);

/** A staff member by exact staff number, for the copy source. */
export const StaffByNumberQuery = graphql(`
  query StaffByNumber($search: String!) {
    staff(first: 5, filter: { search: $search }) {
      edges {
        node {
          id
          staffNo
          name
        }
      }
    }
  }
`);
