import { graphql } from '../../../generated';

export const SwitchBatchFields = graphql(`
  fragment SwitchBatchFields on SwitchBatch {
    id
    kind
    action
    description
    staffNo
    staffName
    createdAt
    counts {
      submitted
      accepted
      succeeded
      failed
      notCompleted
      waiting
    }
  }
`);

/** The batches of one service, newest first (the history). */
export const SwitchBatchesQuery = graphql(`
  query SwitchBatches($kind: SwitchBatchKind!, $first: Int!, $after: String) {
    switchBatches(kind: $kind, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...SwitchBatchFields
        }
      }
    }
  }
`);

/** One batch with its counts. */
export const SwitchBatchQuery = graphql(`
  query SwitchBatch($id: ID!) {
    switchBatch(id: $id) {
      ...SwitchBatchFields
    }
  }
`);

/** A page of a batch's commands, optionally of one outcome. */
export const SwitchCommandsQuery = graphql(`
  query SwitchCommands($batchId: ID!, $state: SwitchCommandState, $first: Int!, $after: String) {
    switchCommands(batchId: $batchId, state: $state, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          phone
          action
          state
          attempts
          reason
          sentAt
          answeredAt
        }
      }
    }
  }
`);

/** How many numbers a month-and-amount selection holds. */
export const ArrearsPreviewQuery = graphql(`
  query ArrearsPreview($input: ArrearsSelectionInput!) {
    arrearsPreview(input: $input) {
      billingMonth
      minAmount
      monthLoaded
      numbers
    }
  }
`);

export const SubmitArrearsCommandsMutation = graphql(`
  mutation SubmitArrearsCommands($input: SubmitArrearsCommandsInput!) {
    submitArrearsCommands(input: $input) {
      batch {
        ...SwitchBatchFields
      }
      error {
        code
        message
        field
      }
    }
  }
`);

export const SubmitCallPermissionCommandsMutation = graphql(`
  mutation SubmitCallPermissionCommands($input: SubmitCallPermissionCommandsInput!) {
    submitCallPermissionCommands(input: $input) {
      batch {
        ...SwitchBatchFields
      }
      error {
        code
        message
        field
      }
    }
  }
`);

export const ResendNotCompletedMutation = graphql(`
  mutation ResendNotCompletedSwitchCommands($input: ResendNotCompletedSwitchCommandsInput!) {
    resendNotCompletedSwitchCommands(input: $input) {
      resent
      batch {
        ...SwitchBatchFields
      }
    }
  }
`);

/** Fresh counts of a batch as its commands are sent, confirmed, refused or run out of time. */
export const SwitchBatchChangedSubscription = graphql(`
  subscription SwitchBatchChanged($batchId: ID!) {
    switchBatchChanged(batchId: $batchId) {
      ...SwitchBatchFields
    }
  }
`);
