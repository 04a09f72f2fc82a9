import { z } from 'zod';

/** Every list endpoint answers one page and the total, so clients can paginate without guessing. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export const paginationFields = {
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: 'Elementos por página (1–200)' }),
  offset: z.coerce.number().int().min(0).default(0).meta({ description: 'Elementos a saltar' }),
};
