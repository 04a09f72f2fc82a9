import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';
import { WHOLE_VALUE_LABEL } from './request-validation.pipe';

export interface FieldError {
  field: string;
  message: string;
}

/** Turns a zod failure into a 400 whose message names every offending field. */
@Catch(ZodValidationException)
export class ValidationErrorFilter implements ExceptionFilter {
  catch(exception: ZodValidationException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    const error = exception.getZodError() as ZodError;
    const location = (exception as { location?: 'body' | 'query' | 'param' | 'custom' }).location ?? 'body';
    const whole = WHOLE_VALUE_LABEL[location];
    const errors: FieldError[] = error.issues.map((issue) => ({
      field: issue.path.join('.') || whole,
      message: issue.message,
    }));
    response.status(400).json({
      statusCode: 400,
      error: 'Bad Request',
      message: `Datos no válidos: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
      errors,
    });
  }
}
