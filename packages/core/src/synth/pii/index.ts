/** @module Finding personal data: value recognizers, free-text scanning, column detection. */
export { recognizeValue, findPiiInText, type PiiSpan } from './recognizers.js';
export {
  isIpv4,
  isIpv6,
  isPaymentCard,
  isPhoneNumber,
  isSsn,
  isSpanishId,
  isUkNino,
  isBsn,
  isNationalId,
} from './validators.js';
export {
  detectPii,
  combineConfidence,
  judgeColumn,
  type PiiFinding,
  type PiiEvidence,
  type DetectPiiOptions,
} from './detect.js';
export { nameEvidence, normalizeName, type NameEvidence } from './name-patterns.js';
export { maskExample } from './mask-example.js';
export { VALUE_CHECKS, type ValueCheck } from './value-checks.js';
export {
  isFirstName,
  isLastName,
  isPersonName,
  isCity,
  isStreetAddress,
  isPostalCodeShape,
} from './lexicon.js';
