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
