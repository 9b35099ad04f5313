import type { Scenario } from './Scenario';
import { accountScenarios } from './taxonomy/accountScenarios';
import { billScenarios } from './taxonomy/billScenarios';
import { creditScenarios } from './taxonomy/creditScenarios';
import { lifeScenarios } from './taxonomy/lifeScenarios';
import { merchantScenarios } from './taxonomy/merchantScenarios';
import { otherScenarios } from './taxonomy/otherScenarios';
import { paymentScenarios } from './taxonomy/paymentScenarios';
import { refundScenarios } from './taxonomy/refundScenarios';
import { transferScenarios } from './taxonomy/transferScenarios';
import { wealthScenarios } from './taxonomy/wealthScenarios';

/**
 * Kefu's default scenario taxonomy, written by the Kefu team: every tenant starts from it and may
 * edit it (a merchant's changes are stored per tenant, see shared/routing/ScenarioCatalog).
 */
export const defaultTaxonomy: readonly Scenario[] = [
  ...paymentScenarios,
  ...transferScenarios,
  ...refundScenarios,
  ...billScenarios,
  ...creditScenarios,
  ...wealthScenarios,
  ...accountScenarios,
  ...lifeScenarios,
  ...merchantScenarios,
  ...otherScenarios,
];
