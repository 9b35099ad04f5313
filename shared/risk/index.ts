// Account risk signals shown to agents.
export { compareFingerprints, flagTransactions, type RiskDevice, riskReasonText, type RiskTransaction } from './accountRisk';
