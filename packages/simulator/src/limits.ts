/**
 * The simulator's length and range limits for input fields, in one table. The API documents
 * state only the node name's (1-64) and the node password's (8-64); the rest are this portal's
 * choice. `@cloutapi/resources` declares its own copy (the simulator stays an independent
 * implementation) and its limits test checks that both refuse exactly the same first value.
 */
export const LIMITS = {
  /** Business unit and consumption unit names. */
  name: 100,
  note: 2000,
  externalReference: 100,
  registrationNumber: 50,
  contact: 255,
  deletionComment: 1000,
  erpReference: 100,
  invoiceDay: { min: 0, max: 28 },
  cpuCount: { min: 1, max: 1024 },
  nodeName: 64,
  nodePassword: { min: 8, max: 64 },
  /** Page size of the audit log. */
  auditPage: { min: 1, max: 1000 },
  /** Page size of any other collection. */
  page: { min: 0, max: 10_000 },
  includeNext: { min: 0, max: 24 },
} as const;
