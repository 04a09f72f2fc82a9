import { BadRequestException, HttpException, UnsupportedMediaTypeException } from '@nestjs/common';
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

export interface MultipartOptions {
  /** The field that carries files. */
  field: string;
  maxBytes: number;
  maxFiles: number;
}

export interface MultipartFile {
  filename: string;
  stream: Readable;
}

const MAX_FIELDS = 50;
const MAX_FIELD_BYTES = 64 * 1024;

/**
 * Reads a multipart/form-data request, handing each file's stream to `onFile` one after another
 * (the next file waits until the previous one is fully handled), and returns the text fields.
 * The first failure (a refused file, a broken form, the client leaving) stops reading at once:
 * the file being read errors, so `onFile` throws and its transaction rolls back, and the rest of the
 * request is drained so the client still gets the answer.
 */
export function readMultipart(request: IncomingMessage, options: MultipartOptions, onFile: (file: MultipartFile) => Promise<void>): Promise<{ files: number; fields: Record<string, string> }> {
  const { field } = options;
  if (!/^multipart\/form-data\s*;/i.test(request.headers['content-type'] ?? '')) {
    return Promise.reject(new UnsupportedMediaTypeException(`Content-Type: se espera multipart/form-data con el archivo en el campo "${field}"`));
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        // Browsers send UTF-8 file names; busboy would read them as Latin-1 by default.
        defParamCharset: 'utf8',
        limits: { fileSize: options.maxBytes + 1, files: options.maxFiles, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES },
      });
    } catch (error) {
      reject(new BadRequestException(`Content-Type: encabezado multipart no válido (${(error as Error).message})`));
      return;
    }
    const fields: Record<string, string> = {};
    let files = 0;
    let handled: Promise<void> = Promise.resolve();
    let failure: unknown = null;
    let settled = false;

    const settle = () => {
      if (settled) return;
      settled = true;
      // Answer only once the file in progress has finished or rolled back.
      void handled.then(
        () => (failure ? reject(failure) : files === 0 ? reject(new BadRequestException(`${field}: falta el archivo`)) : resolve({ files, fields })),
        (error: unknown) => reject(failure ?? error),
      );
    };
    const stop = (error: unknown) => {
      if (failure === null) failure = error;
      request.unpipe(parser);
      request.resume();
      parser.destroy(error as Error);
      settle();
    };

    parser.on('file', (name, stream, info) => {
      // Stopping destroys the file in progress with the failure; whoever reads it sees the error, no one else must crash on it.
      stream.on('error', () => undefined);
      if (failure !== null) return void stream.resume();
      if (name !== field) {
        stream.resume();
        return stop(new BadRequestException(`${name}: campo de archivo inesperado; envíe el archivo en el campo "${field}"`));
      }
      files += 1;
      handled = handled.then(() => onFile({ filename: info.filename ?? '', stream }));
      handled.catch((error: unknown) => stop(error));
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return stop(new BadRequestException(`${name}: el valor excede ${MAX_FIELD_BYTES / 1024} KiB`));
      fields[name] = value;
    });
    parser.on('filesLimit', () => stop(new BadRequestException(`${field}: se admiten como máximo ${options.maxFiles} archivo(s) por solicitud`)));
    parser.on('fieldsLimit', () => stop(new BadRequestException(`(cuerpo): se admiten como máximo ${MAX_FIELDS} campos de texto`)));
    parser.on('error', (error: Error) => stop(error instanceof HttpException ? error : new BadRequestException(`(cuerpo): el contenido multipart está mal formado (${error.message})`)));
    parser.on('close', settle);
    // The client went away mid-upload: abort the file in progress so nothing half-written stays.
    request.on('close', () => {
      if (!request.complete) stop(new BadRequestException(`${field}: la carga se interrumpió antes de terminar`));
    });
    request.pipe(parser);
  });
}
