import { graphql } from '../../../generated';

/** Teams of an area (and below it), by code, with their members. */
export const TeamsQuery = graphql(`
  query Teams($filter: TeamFilter) {
    teams(filter: $filter) {
      ...TeamRow
    }
  }

  fragment TeamRow on Team {
    id
    code
    name
    nameEn
    externalId
    active
    syncedAt
    organisation {
      id
      name
      nameEn
    }
    position {
      id
      code
    }
    leader {
      id
      staffNo
      name
    }
    members {
      leader
      staff {
        id
        staffNo
        name
        phone
        active
      }
    }
  }
`);

/** Active staff of the team's organisation line who are not members yet. */
export const TeamStaffChoicesQuery = graphql(`
  query TeamStaffChoices($teamId: ID!, $search: String) {
    teamStaffChoices(teamId: $teamId, search: $search) {
      id
      staffNo
      name
    }
  }
`);

/** The work a refusal names. */
export const InFlightWorkFields = graphql(`
  fragment InFlightWorkFields on InFlightWork {
    orderNo
    workOrderNo
    stepCode
    stepName
    stepNameEn
    state
    handler
  }
`);

export const SaveTeamMutation = graphql(`
  mutation SaveTeam($input: SaveTeamInput!) {
    saveTeam(input: $input) {
      ok
      error {
        code
        message
        field
      }
      team {
        ...TeamRow
      }
      inFlight {
        ...InFlightWorkFields
      }
    }
  }
`);

export const DeleteTeamMutation = graphql(`
  mutation DeleteTeam($input: DeleteTeamInput!) {
    deleteTeam(input: $input) {
      ok
      error {
        code
        message
        field
      }
      inFlight {
        ...InFlightWorkFields
      }
    }
  }
`);

export const AddTeamMemberMutation = graphql(`
  mutation AddTeamMember($input: TeamMemberInput!) {
    addTeamMember(input: $input) {
      ok
      error {
        code
        message
        field
      }
      team {
        ...TeamRow
      }
      inFlight {
        ...InFlightWorkFields
      }
    }
  }
`);

export const RemoveTeamMemberMutation = graphql(`
  mutation RemoveTeamMember($input: TeamMemberInput!) {
    removeTeamMember(input: $input) {
      ok
      error {
        code
        message
        field
      }
      team {
        ...TeamRow
      }
      inFlight {
        ...InFlightWorkFields
      }
    }
  }
`);

export const SetStaffActiveMutation = graphql(`
  mutation SetStaffActive($input: SetStaffActiveInput!) {
    setStaffActive(input: $input) {
      ok
      error {
        code
        message
        field
      }
      staff {
        id
        active
      }
      inFlight {
        ...InFlightWorkFields
      }
    }
  }
`);

export const SyncTeamAccountsMutation = graphql(`
  mutation SyncTeamAccounts {
    syncTeamAccounts {
      ok
      error {
        code
        message
      }
      at
      applied {
        kind
        subject
        detail
      }
      refused {
        kind
        subject
        reason
        inFlight {
          ...InFlightWorkFields
        }
      }
    }
  }
`);
