import { graphql } from '../../../generated';

/** Everything the shell needs about the session; shared by `viewer`, `login` and `selectStaff`. */
export const ViewerFieldsFragment = graphql(`
  fragment ViewerFields on Viewer {
    sessionId
    loginName
    menus
    operableMenus
    permissions
    idleTimeoutMinutes
    workOrderPositions {
      id
      name
      nameEn
    }
    staff {
      id
      staffNo
      name
      organisation {
        id
        name
        nameEn
      }
      positions {
        id
        name
        nameEn
        positionType {
          id
          name
          nameEn
          kind
        }
      }
    }
    staffChoices {
      id
      staffNo
      name
      active
      organisation {
        id
        name
        nameEn
      }
    }
  }
`);
