// The read side of the twin (the console REST API's GET routes): pure questions asked of a World.
// Nothing here changes a card; asking for usage may realize a card's traffic up to now, which the
// traffic engine does lazily anyway and which changes no outcome.
export * from './allowance.ts';
export * from './cardDetails.ts';
export * from './cardFilter.ts';
export * from './cardList.ts';
export * from './cardPlans.ts';
export * from './cardRow.ts';
export * from './ledger.ts';
export * from './pools.ts';
export * from './stats.ts';
export * from './units.ts';
export * from './usage.ts';
export * from './vouchers.ts';
