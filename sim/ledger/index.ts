// The money side of the twin: amounts in fen, price tables per rate version, and the ledger (rules F1-F3).
export * from './money.ts';
export * from './prices.ts';
export { DEFAULT_PRICE_TABLES } from './default-prices.ts';
export * from './price-overrides.ts';
export * from './service-month.ts';
export * from './ledger.ts';
export { LedgerStateError } from './ledger-state.ts';
