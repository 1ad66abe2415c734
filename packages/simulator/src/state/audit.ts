import { nextId } from './ids.js';
import type { AuditEntryRecord, AuditType, SimulatorState, UserRecord } from './model.js';
import { findBusinessUnit, findConsumer } from './queries.js';

/** What an audit entry is about; names are looked up now, so a later rename or delete keeps them. */
export interface AuditInput {
  type: AuditType;
  message: string;
  at: string;
  user?: UserRecord;
  businessUnitId: number;
  consumerId?: number;
  subject: AuditEntryRecord['subject'];
}

/** Appends an entry to the audit log. */
export function recordAudit(state: SimulatorState, input: AuditInput): AuditEntryRecord {
  const unit = findBusinessUnit(state, input.businessUnitId);
  const consumer =
    input.consumerId === undefined ? undefined : findConsumer(state, input.consumerId);
  const entry: AuditEntryRecord = {
    id: nextId(state, 'audit'),
    type: input.type,
    createdDate: input.at,
    message: input.message,
    businessUnitId: input.businessUnitId,
    businessUnitName: unit?.name ?? `#${input.businessUnitId}`,
    subject: input.subject,
    ...(input.user ? { userId: input.user.id, userName: input.user.name } : {}),
    ...(consumer ? { consumerId: consumer.id, consumerName: consumer.name } : {}),
  };
  state.auditLog.push(entry);
  return entry;
}

/**
 * Writes the audit history of the seeded objects (creations, activations, a few infos and one
 * rejected activation), in time order.
 */
export function seedAudit(state: SimulatorState, user: UserRecord | undefined): void {
  const events: Omit<AuditInput, 'user'>[] = [];
  for (const unit of state.businessUnits) {
    events.push({
      type: 100,
      message: `Business unit '${unit.name}' created`,
      at: unit.createdDate,
      businessUnitId: unit.id,
      subject: 'businessUnit',
    });
  }
  for (const consumer of state.consumers) {
    const base = { businessUnitId: consumer.businessUnitId, consumerId: consumer.id };
    events.push({
      ...base,
      type: 100,
      message: `Consumption unit '${consumer.name}' created`,
      at: consumer.createdDate,
      subject: 'consumer',
    });
    const node = state.nodes.find((n) => n.consumerId === consumer.id);
    if (!node) continue;
    events.push({
      ...base,
      type: 100,
      message: `Backup node for '${consumer.name}' created`,
      at: node.createdDate,
      subject: 'node',
    });
    if (!node.activatedDate || !node.tsmName) continue;
    const activated = Date.parse(node.activatedDate);
    if (consumer.id % 5 === 0) {
      events.push({
        ...base,
        type: 400,
        message: `Activation of backup node failed: name '${node.tsmName}!' contains characters that are not allowed ('!')`,
        at: new Date(activated - 120_000).toISOString(),
        subject: 'node',
      });
    }
    events.push({
      ...base,
      type: 200,
      message: `Backup node activated as '${node.tsmName}'`,
      at: node.activatedDate,
      subject: 'node',
    });
    events.push({
      ...base,
      type: 0,
      message: `Backup node '${node.tsmName}' synchronized with the backup server`,
      at: new Date(activated + 3_600_000).toISOString(),
      subject: 'node',
    });
  }
  events.sort((a, b) => a.at.localeCompare(b.at));
  for (const event of events) recordAudit(state, user ? { ...event, user } : event);
}
