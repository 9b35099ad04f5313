// Routing conversations to agents: queue, assignment, handoff and their timers.
export { AssignmentService } from './AssignmentService';
export { QueueTimers } from './QueueTimers';
export { RoutingHandoff } from './RoutingHandoff';
export { type AgentPresence, defaultRoutingSettings, RoutingService } from './RoutingService';
export { queueProjection } from './queueProjection';
export { runRoutingJobs } from './runRoutingJobs';
export { type LiveBoard, SupervisorBoard } from './SupervisorBoard';
