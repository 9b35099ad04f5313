/**
 * Table name and key layout of the audit log, in one place so the Tablestore schema (one physical
 * table per name) can be derived from it. Only {@link AuditLog} reads or writes this table.
 *
 * - audit [atIso, entryId] -> AuditEntry: who looked at whose personal data, when and what.
 *   The ISO time first makes a range read chronological; the random id keeps two views in the
 *   same millisecond apart.
 */
export const auditTables = {
  audit: 'audit',
} as const;
