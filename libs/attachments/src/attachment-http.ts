import { applyDecorators, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { ALLOWED_LABELS } from './content-detection';
import { contentDisposition } from './content-disposition';
import { OpenedAttachment } from './attachments.service';

export const attachmentExample = {
  id: '7d4f0b0e-2c1a-4a8e-9b6f-3e1d2c4b5a69',
  ownerType: 'correspondence.document',
  ownerId: '5b2e9c1d-8f3a-4d6b-a7e2-0c9f1e8d7b6a',
  filename: 'oficio-turno-0123.pdf',
  contentType: 'application/pdf',
  size: 184320,
  sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  uploadedBy: 'usuario-oficialia',
  uploadedAt: '2025-09-12T16:05:00.000Z',
};

/**
 * OpenAPI for an endpoint that takes files through `AttachmentsService.receive`: the multipart body
 * and the refusals (size, type by content, malformed form).
 */
export function ApiAttachmentUpload(options: { field?: string; description?: string; multiple?: boolean; extraFields?: Record<string, { type: 'string'; description?: string; example?: string }> } = {}) {
  const field = options.field ?? 'file';
  const file = { type: 'string', format: 'binary', description: options.description ?? `Se admiten ${ALLOWED_LABELS}; el tipo se comprueba por el contenido` };
  return applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        properties: { [field]: options.multiple ? { type: 'array', items: file } : file, ...(options.extraFields ?? {}) },
        required: [field],
      },
    }),
    ApiBadRequestResponse({ description: `Falta el archivo en el campo "${field}", el formulario está mal formado o la carga se interrumpió; no se guarda nada` }),
    ApiPayloadTooLargeResponse({ description: 'El archivo excede el límite de tamaño; no se guarda nada' }),
    ApiUnsupportedMediaTypeResponse({ description: 'El contenido no es de un tipo admitido o no corresponde a la extensión (p. ej. un .pdf que es un ejecutable); no se guarda nada' }),
  );
}

/** OpenAPI for an endpoint that answers a file through `sendAttachment`. */
export function ApiAttachmentDownload() {
  return applyDecorators(
    ApiProduces('application/octet-stream'),
    ApiOkResponse({
      description: 'El archivo, con Content-Type detectado, Content-Length, Content-Disposition (nombre UTF-8) y ETag (SHA-256)',
      content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
    }),
    ApiNotFoundResponse({ description: 'No existe el adjunto en el municipio del usuario' }),
  );
}

/**
 * Sets the download headers and returns the body; use with `@Res({ passthrough: true })`.
 * `nosniff` keeps browsers from second-guessing the detected type (an HTML-looking text stays text).
 */
export function sendAttachment(opened: OpenedAttachment, response: ServerResponse, disposition: 'attachment' | 'inline' = 'attachment'): StreamableFile {
  const { attachment, stream } = opened;
  response.setHeader('Content-Type', attachment.contentType);
  response.setHeader('Content-Length', String(attachment.size));
  response.setHeader('Content-Disposition', contentDisposition(attachment.filename, disposition));
  response.setHeader('ETag', `"${attachment.sha256}"`);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', 'private, no-cache');
  return new StreamableFile(stream);
}
