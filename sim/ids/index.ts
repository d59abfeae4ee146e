// Identities of cards and devices (RULES.md I1-I5) and the carriers they belong to (V1).
export * from './carrier.ts';
export { isLuhnValid, luhnCheckDigit } from './luhn.ts';
export * from './iccid.ts';
export * from './msisdn.ts';
export * from './imsi.ts';
export * from './imei.ts';
export * from './identities.ts';
