import { z } from 'zod';

/** No count, amount or percentage of a municipality comes near it; 1e300 is a typo or a probe, not a target. */
export const MAX_QUANTITY = 1_000_000_000_000;

const BOUND = `debe estar entre -${MAX_QUANTITY.toLocaleString('en-US')} y ${MAX_QUANTITY.toLocaleString('en-US')}`;

/** A measured quantity (targets, baselines, constants of a formula): bounded, so an absurd number is a 400 naming the field. */
export function quantity() {
  return z.number().min(-MAX_QUANTITY, BOUND).max(MAX_QUANTITY, BOUND);
}
