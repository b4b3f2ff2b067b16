// Request schemas (zod) of the API's routes: bodies, query strings and path parameters. The same objects
// validate requests (./http.ts: a failure is a 400 naming the field) and become the OpenAPI document's
// JSON schemas (./openapi.ts, z.toJSONSchema). Bodies are strict: an unknown key is a 400 too.

import { z } from 'zod';

export const stageSchema = z.enum(['shadow', 'paper', 'live']);

/** The seeds' minimal form; values are what a person types (YAML scalars). */
export const seedFormSchema = z.strictObject({
  strategy: z.string().min(1),
  asset: z.string().min(1),
  lookbackWindow: z.string().min(1),
  entryThreshold: z.union([z.string().min(1), z.number()]).transform(String),
  riskTolerance: z.string().min(1),
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, _ . - (at most 64)').optional(),
});

const inputFields = {
  form: seedFormSchema.optional(),
  yaml: z.string().max(65_536).optional(),
};

/** Exactly one of form / yaml. */
function oneInput(v: { form?: unknown; yaml?: unknown }, ctx: z.RefinementCtx): void {
  if ((v.form === undefined) === (v.yaml === undefined)) ctx.addIssue({ code: 'custom', path: ['form'], message: 'give exactly one of form or yaml' });
}

export const validateBody = z.strictObject(inputFields).superRefine(oneInput);
export const createBody = z.strictObject({ ...inputFields, stage: stageSchema.default('shadow') }).superRefine(oneInput);
export const backtestBody = z.strictObject({
  strategy: z.string().min(1).optional(),
  ...inputFields,
  durationS: z.number().positive().max(3600).optional(),
  seed: z.number().int().min(0).optional(),
}).superRefine((v, ctx) => {
  const n = Number(v.strategy !== undefined) + Number(v.form !== undefined) + Number(v.yaml !== undefined);
  if (n !== 1) ctx.addIssue({ code: 'custom', path: ['strategy'], message: 'give exactly one of strategy, form or yaml' });
});
export const stageBody = z.strictObject({ stage: stageSchema });
/** The limits a caller may set (the names GET /api/risk shows): money in currency units, rates per second, null = off. */
export const LIMIT_NAMES = ['maxOrderQty', 'maxOrderNotional', 'maxPositionQty', 'maxPositionNotional', 'maxGrossExposure', 'maxLoss', 'maxDrawdown', 'maxOrdersPerSecond', 'maxMessagesPerSecond', 'maxOpenOrders'] as const;
const limitValue = z.number().nonnegative().nullable().optional();
export const limitsBody = z.strictObject({ limits: z.strictObject(Object.fromEntries(LIMIT_NAMES.map((n) => [n, limitValue])) as Record<(typeof LIMIT_NAMES)[number], typeof limitValue>) });
export const killBody = z.strictObject({ engage: z.boolean() });

const limit = (max: number, dflt: number) => z.coerce.number().int().min(1).max(max).default(dflt);
const flag = z.enum(['true', 'false']).transform((s) => s === 'true');

export const ordersQuery = z.strictObject({ strategy: z.string().optional(), open: flag.optional(), limit: limit(1000, 100) });
export const fillsQuery = z.strictObject({ strategy: z.string().optional(), limit: limit(1000, 100) });
export const bookQuery = z.strictObject({ depth: limit(50, 10) });
export const tradesQuery = z.strictObject({ limit: limit(500, 50) });
export const auditQuery = z.strictObject({ limit: limit(1000, 100) });
export const snapshotQuery = z.strictObject({ depth: limit(50, 10) });

export const nameParams = z.strictObject({ name: z.string().min(1) });
export const strategyParams = z.strictObject({ strategy: z.string().min(1) });
export const instrumentParams = z.strictObject({ instrument: z.string().min(1) });

export type SeedFormOut = z.output<typeof seedFormSchema>;
export type StageOut = z.output<typeof stageSchema>;
