/**
 * Tables of the routing domain and their keys:
 *
 * - skillGroup     [groupId]                     -> SkillGroup
 * - presence       [agentId]                     -> AgentPresence (status, load, capacity)
 * - queue          [groupId, rank, conversationId] -> QueueEntry; rank = arrival ms minus VIP lead
 * - routingConfig  ['settings']                  -> RoutingSettings
 * - routingStat    ['handling']                  -> { meanSeconds, samples }
 * - alert          [atMs, conversationId]        -> supervisor alert (the agent did not reply in time)
 * - scenario       [scenarioId]                  -> the merchant's change to the default scenario taxonomy
 */
export const routingTables = {
  group: 'skillGroup',
  presence: 'presence',
  queue: 'queue',
  config: 'routingConfig',
  stat: 'routingStat',
  alert: 'alert',
  scenario: 'scenario',
} as const;
