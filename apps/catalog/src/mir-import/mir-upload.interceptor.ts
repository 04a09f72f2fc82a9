import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { MAX_UPLOAD_BYTES, MirUpload, RAW_MIMES } from './mir-upload';

export type RequestWithUpload = Request & {
  mirUpload?: MirUpload;
  file?: { buffer: Buffer; mimetype: string; originalname: string; size: number };
};

const TOO_LARGE = `file: el archivo excede el máximo de ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`;
const MultipartFile = FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });

/**
 * Puts the uploaded MIR file on `request.mirUpload`: from the multipart field `file`, or from a raw
 * body sent as text/csv or as the XLSX type. At most 5 MB.
 */
@Injectable()
export class MirUploadInterceptor implements NestInterceptor {
  private readonly multipart = new MultipartFile();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<RequestWithUpload>();
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type === 'multipart/form-data') {
      try {
        return await this.multipart.intercept(context, {
          handle: () => {
            const file = request.file;
            if (file) request.mirUpload = { buffer: file.buffer, mimetype: file.mimetype, filename: file.originalname || null };
            return next.handle();
          },
        });
      } catch (error) {
        throw translateMulterError(error);
      }
    }
    if (RAW_MIMES.includes(type)) request.mirUpload = { buffer: await readBody(request), mimetype: type, filename: null };
    return next.handle();
  }
}

async function readBody(request: Request): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (declared > MAX_UPLOAD_BYTES) throw new PayloadTooLargeException(TOO_LARGE);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_UPLOAD_BYTES) throw new PayloadTooLargeException(TOO_LARGE);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function translateMulterError(error: unknown): unknown {
  if (error instanceof PayloadTooLargeException) return new PayloadTooLargeException(TOO_LARGE);
  if (error instanceof HttpException && error.getStatus() === 400) {
    return new BadRequestException(`file: ${/unexpected (file )?field|too many files/i.test(error.message) ? 'envíe un solo archivo, en el campo "file"' : `envío multipart no válido (${error.message})`}`);
  }
  return error;
}
