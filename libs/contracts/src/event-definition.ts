import { z } from 'zod';
import { Topic } from './topics';

/** One event type: where it is published, what its data looks like, and an example for the docs. */
export interface EventDefinition<TSchema extends z.ZodType = z.ZodType> {
  /** CloudEvents `type`, e.g. `tequio.catalog.unit.created`. */
  type: string;
  topic: Topic;
  summary: string;
  data: TSchema;
  example: z.infer<TSchema>;
}

export function defineEvent<TSchema extends z.ZodType>(definition: EventDefinition<TSchema>): EventDefinition<TSchema> {
  return definition;
}

export type EventData<TDefinition> = TDefinition extends EventDefinition<infer S> ? z.infer<S> : never;
