/** @module Masking: privacy rules and maskSensitiveData (anonymize, pseudonymize, generalize, k-anonymity, ...). */
export {
  maskSensitiveData,
  type MaskedDataset,
  type MaskOptions,
  type MaskingSummary,
  type ColumnMaskSummary,
  type KAnonymitySummary,
} from './mask.js';
export {
  parsePrivacyRules,
  privacyRules,
  privacyRulesSchema,
  columnRuleSchema,
  methodOptions,
  type PrivacyRules,
  type ColumnRule,
  type MaskMethod,
  type KAnonymityRule,
} from './rules.js';
export { privacyRulesFromFindings, DEFAULT_RULES } from './defaults.js';
