// Statuses as scenarios write them (RULES.md section 3): the seed's names or the API codes, for the
// SIM card status and the specific status.
import { z } from 'zod';
import { SIM_STATUSES, SPECIFIC_STATUSES, parseStatusName } from '../machines/status.ts';
import type { SimStatus, SpecificStatus } from '../machines/status.ts';
import { expecting, showValue } from './schema-values.ts';
import type { StatusRef } from './types.ts';

// Statuses as the seed names them or as their API codes (section 3): each field takes its own level, and
// a status of the other level is refused with the field to use instead.
const SIM_NAMES = Object.keys(SIM_STATUSES) as [SimStatus, ...SimStatus[]];
const SPECIFIC_NAMES = Object.keys(SPECIFIC_STATUSES) as [SpecificStatus, ...SpecificStatus[]];
const SIM_LIST = Object.entries(SIM_STATUSES)
  .map(([name, code]) => `${name} (${code})`)
  .join(', ');
const SPECIFIC_LIST = Object.entries(SPECIFIC_STATUSES)
  .map(([n, c]) => `${n} (${c})`)
  .join(', ');

export const SimStatusValue = z
  .union([z.string(), z.number()], expecting('a SIM card status'))
  .transform((value, ctx): SimStatus => {
    const name = SIM_NAMES.find(
      (n) => n === String(value).trim() || String(SIM_STATUSES[n]) === String(value),
    );
    if (name !== undefined) return name;
    const other = parseStatusName(value);
    ctx.issues.push({
      code: 'custom',
      input: value,
      message:
        other?.level === 'specific'
          ? `${showValue(value)} is a specific status: write it as \`specificStatus\``
          : `unknown SIM card status ${showValue(value)} (expected one of ${SIM_LIST})`,
    });
    return z.NEVER;
  })
  .meta({
    id: 'SimStatus',
    description: `a SIM card status by name or API code: ${SIM_LIST}`,
    anyOf: [{ enum: SIM_NAMES }, { enum: Object.values(SIM_STATUSES) }],
  });

export const SpecificStatusValue = z
  .union([z.string(), z.number()], expecting('a specific status'))
  .transform((value, ctx): SpecificStatus => {
    const text = String(value).trim();
    const name = SPECIFIC_NAMES.find((n) => n === text || String(SPECIFIC_STATUSES[n]) === text);
    if (name !== undefined) return name;
    const other = parseStatusName(value);
    ctx.issues.push({
      code: 'custom',
      input: value,
      message:
        other?.level === 'status'
          ? `${showValue(value)} is a SIM card status: write it as \`status\``
          : `unknown specific status ${showValue(value)} (expected one of ${SPECIFIC_LIST})`,
    });
    return z.NEVER;
  })
  .meta({
    id: 'SpecificStatus',
    description: `a specific status by name or API code: ${SPECIFIC_LIST}`,
    anyOf: [{ enum: SPECIFIC_NAMES }, { enum: Object.values(SPECIFIC_STATUSES) }],
  });

/** A status of either level (events, status-change rules). */
export const StatusRefValue = z
  .union([z.string(), z.number()], expecting('a status'))
  .transform((value, ctx): StatusRef => {
    const parsed = parseStatusName(value);
    if (parsed) return parsed.level === 'status' ? parsed : { level: 'specific', specific: parsed.specific };
    ctx.issues.push({
      code: 'custom',
      input: value,
      message: `unknown status ${showValue(value)} (expected a SIM card status or a specific status, by name or API code)`,
    });
    return z.NEVER;
  })
  .meta({
    id: 'Status',
    description: 'a SIM card status or a specific status, by name or API code',
    anyOf: [{ enum: [...new Set([...SIM_NAMES, ...SPECIFIC_NAMES])] }, { type: 'integer' }],
  });
