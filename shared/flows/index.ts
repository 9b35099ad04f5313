export { SelfServiceFlows, type FlowPlan, type FlowSettings, type SelfServiceFlowsOptions } from './SelfServiceFlows';
export { flowCatalog, flowById, type FlowDefinition } from './flowCatalog';
export { yuan, shortTime, maskRef, transactionCard } from './flowAnswers';
