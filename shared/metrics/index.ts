// The dashboard's metrics.
export type { AutomationFigures } from './automationByCategory';
export { computeMetrics, metricDefinitions, metricGoals } from './computeMetrics';
export { type QualityOverview, QualityDashboard } from './QualityDashboard';
