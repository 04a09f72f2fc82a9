import { ArgumentMetadata, BadRequestException, Injectable } from '@nestjs/common';
import { ZodValidationException, ZodValidationPipe } from 'nestjs-zod';
import type { FieldError } from './validation-error.filter';

/** Where a value came from, as the 400 names it when the whole value (not one field) is wrong. */
export const WHOLE_VALUE_LABEL: Record<ArgumentMetadata['type'], string> = {
  body: '(cuerpo)',
  query: '(consulta)',
  param: '(ruta)',
  custom: '(valor)',
};

function nulFields(value: unknown, path: string[], found: string[]): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path.join('.'));
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => nulFields(item, [...path, String(index)], found));
  } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) found.push([...path, key].join('.'));
      nulFields(item, [...path, key], found);
    }
  }
  return found;
}

/**
 * Zod validation of every DTO, plus what no DTO should have to repeat: a NUL character in any string is refused
 * with a 400 naming the field (PostgreSQL cannot store it in text and would answer a 500), and a failure of the
 * whole value names where it came from (body, query, route) instead of always "(cuerpo)".
 */
@Injectable()
export class RequestValidationPipe extends ZodValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const fields = nulFields(value, [], []);
      if (fields.length > 0) {
        const errors: FieldError[] = fields.map((field) => ({ field: field || WHOLE_VALUE_LABEL[metadata.type], message: 'no admite el carácter NUL (\\u0000)' }));
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: `Datos no válidos: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
          errors,
        });
      }
    }
    try {
      return super.transform(value, metadata);
    } catch (error) {
      if (error instanceof ZodValidationException) Object.assign(error, { location: metadata.type });
      throw error;
    }
  }
}
