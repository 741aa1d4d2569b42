/** @module @tdm/server: the platform around the engine. */
export {};
