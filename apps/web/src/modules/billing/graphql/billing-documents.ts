import { graphql } from '../../../generated';

export const BillFormatsQuery = graphql(`
  query BillFormats {
    billFormats {
      ...BillFormatRow
    }
  }

  fragment BillFormatRow on BillFormat {
    id
    code
    name
    kind
    encoding
    headerLines
    separator
    phoneColumn
    amountColumn
    recordLength
    phoneOffset
    phoneLength
    amountOffset
    amountLength
    amountScale
    note
  }
`);

export const BillImportsQuery = graphql(`
  query BillImports($billingMonth: String) {
    billImports(billingMonth: $billingMonth, first: 50) {
      ...BillImportRow
    }
  }

  fragment BillImportRow on BillImport {
    id
    billingMonth
    fileName
    state
    totalLines
    loadedLines
    badLines
    error
    startedAt
    finishedAt
    inForce
    format {
      id
      code
      name
    }
  }
`);

export const BillImportProblemsQuery = graphql(`
  query BillImportProblems($id: ID!) {
    billImport(id: $id) {
      id
      problems(first: 500) {
        lineNo
        reason
        text
      }
    }
  }
`);

export const BillImportChangedSubscription = graphql(`
  subscription BillImportChanged($billingMonth: String!) {
    billImportChanged(billingMonth: $billingMonth) {
      ...BillImportRow
    }
  }
`);
