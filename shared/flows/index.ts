export { SelfServiceFlows, type FlowPlan, type FlowSettings, type SelfServiceFlowsOptions } from './SelfServiceFlows';
export { flowCatalog, flowById, type FlowDefinition } from './flowCatalog';
export { yuan, shortTime, maskRef } from './flowAnswers';
export { transactionCard } from './flowAnswers';
