/** @module Coded errors shared by every part of tdm. */
export { errorCatalogue, type ErrorCode } from './codes.js';
export { TdmError, isTdmError, problem, type Problem, type TdmErrorOptions } from './tdm-error.js';
