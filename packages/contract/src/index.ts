/** @module @tdm/contract: the REST API's DTOs, OpenAPI document and typed client. */
export {};
