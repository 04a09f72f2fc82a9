import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAttachmentDownload, ApiAttachmentUpload, attachmentExample, sendAttachment } from '@tequio/attachments';
import { CurrentUser, PersonalData, Roles, TequioClaims } from '@tequio/auth';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DocumentsService } from './documents.service';

const example = { ...attachmentExample, ownerType: 'correspondence.document' };

@ApiTags('Oficialía de Partes')
@Controller('documents/:id/attachments')
export class DocumentFilesController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @Roles('admin', 'clerk', 'unit_head')
  @ApiOperation({ summary: 'Adjuntar archivos al documento (escaneo, anexos, respuesta): PDF, imágenes u ofimática, revisados por contenido' })
  @ApiAttachmentUpload({ multiple: true })
  @ApiCreatedResponse({ schema: { example: { attachments: [example] } } })
  @ApiForbiddenResponse({ description: 'El documento no fue turnado a sus unidades' })
  @ApiNotFoundResponse({ description: 'No existe el documento en su municipio' })
  upload(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Req() request: IncomingMessage) {
    return this.documents.attach(user, id, request);
  }

  @Get()
  // Only the desk and the units it was turned to: planning and auditors read no file of a document.
  @Roles('admin', 'clerk', 'unit_head')
  @ApiOperation({ summary: 'Adjuntos del documento (metadatos)' })
  @ApiOkResponse({ schema: { example: { items: [example] } } })
  @ApiNotFoundResponse({ description: 'No existe el documento en su municipio' })
  list(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.documents.listAttachments(user, id);
  }

  @Get(':attachmentId')
  @Roles('admin', 'clerk', 'unit_head')
  // A citizen's letter: besides the service's attachment_read (which file), the platform's personal_data_read.
  @PersonalData({ entity: 'document', param: 'id' })
  @ApiOperation({ summary: 'Descargar un adjunto del documento (lectura registrada en bitácora)' })
  @ApiAttachmentDownload()
  async download(
    @CurrentUser() user: TequioClaims,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Res({ passthrough: true }) response: ServerResponse,
  ) {
    return sendAttachment(await this.documents.openAttachment(user, id, attachmentId), response);
  }
}
