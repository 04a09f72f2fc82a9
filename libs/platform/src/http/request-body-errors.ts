import { BadRequestException, HttpException, HttpStatus, Logger, PayloadTooLargeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** What body-parser attaches to the errors it passes on (http-errors with a `type`). */
interface BodyParserError {
  type?: string;
  body?: string;
  limit?: number;
  length?: number;
}

const logger = new Logger('RequestBody');

/** A body as a 400 quotes it: short, on one line. */
function quoted(body: string): string {
  const line = body.trim().replace(/\s+/g, ' ');
  return `«${line.length > 20 ? `${line.slice(0, 20)}…` : line}»`;
}

/**
 * The errors of the JSON body parser, which run before any pipe, as the API's own errors: a body that is not an
 * object or a list (`null`, `"texto"`, `12`) or that does not parse answers a Spanish 400 that says which (body-parser
 * says `"null" is not valid JSON`); a body over the limit answers 413 and is logged as a warning without a stack (the
 * client's mistake, not the service's). Anything else passes on unchanged.
 */
export function bodyParserError(error: unknown): unknown {
  const parsed = (error && typeof error === 'object' ? error : {}) as BodyParserError;
  if (parsed.type === 'entity.parse.failed') {
    const first = (parsed.body ?? '').trim().charAt(0);
    const message =
      first === '{' || first === '['
        ? '(cuerpo): no es JSON válido; revise comillas, comas y llaves'
        : `(cuerpo): debe ser un objeto JSON (o una lista), no ${quoted(parsed.body ?? '')}`;
    return new BadRequestException({ statusCode: HttpStatus.BAD_REQUEST, error: 'Bad Request', message });
  }
  if (parsed.type === 'entity.too.large') {
    logger.warn(`Request body refused: ${parsed.length ?? '?'} bytes over the limit of ${parsed.limit ?? '?'} bytes`);
    const limit = parsed.limit ? `${Math.round(parsed.limit / 1024)} KB` : 'el máximo admitido';
    return new PayloadTooLargeException({ statusCode: HttpStatus.PAYLOAD_TOO_LARGE, error: 'Payload Too Large', message: `(cuerpo): excede el máximo de ${limit} (body too large: over ${limit})` });
  }
  return error;
}

/**
 * The JSON and form parsers Nest would register, followed by the mapping above (Nest turns a parser's SyntaxError
 * into a 400 with the parser's English message, and logs a 413 as an error with its stack). Create the app with
 * `bodyParser: false`. `limitKb` is HTTP_JSON_LIMIT_KB (100 KB by default).
 */
export function useBodyParsers(app: NestExpressApplication, limitKb = 100): void {
  app.useBodyParser('json', { limit: `${limitKb}kb` });
  app.useBodyParser('urlencoded', { extended: true, limit: `${limitKb}kb` });
  app.use((error: unknown, _request: unknown, _response: unknown, next: (error?: unknown) => void) => next(bodyParserError(error) as HttpException));
}
