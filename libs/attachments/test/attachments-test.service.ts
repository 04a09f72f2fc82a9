import { Controller, Delete, Get, Module, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, TequioClaims } from '@tequio/auth';
import { ServiceDefinition } from '@tequio/platform';
import type { Request, Response } from 'express';
import { ApiAttachmentDownload, ApiAttachmentUpload, attachmentExample, AttachmentsModule, AttachmentsService, attachmentsFeature, sendAttachment } from '../src';

export const TEST_OWNER_TYPE = 'test.record';

/** How a feature wires the library: one service call per handler, its own authorization around it. */
@ApiTags('Adjuntos (prueba)')
@Controller()
class RecordFilesController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post('records/:recordId/files')
  @ApiOperation({ summary: 'Adjuntar archivos a un registro' })
  @ApiAttachmentUpload({ multiple: true })
  @ApiCreatedResponse({ schema: { example: { attachments: [attachmentExample], fields: {} } } })
  upload(@CurrentUser() user: TequioClaims, @Param('recordId', ParseUUIDPipe) recordId: string, @Req() request: Request) {
    return this.attachments.receive(request, { tenant: user.tenant, owner: { type: TEST_OWNER_TYPE, id: recordId }, uploadedBy: user.sub });
  }

  @Get('records/:recordId/files')
  @ApiOperation({ summary: 'Archivos de un registro' })
  @ApiOkResponse({ schema: { example: [attachmentExample] } })
  list(@CurrentUser() user: TequioClaims, @Param('recordId', ParseUUIDPipe) recordId: string) {
    return this.attachments.list(user.tenant, { type: TEST_OWNER_TYPE, id: recordId });
  }

  @Get('files/:id')
  @ApiOperation({ summary: 'Descargar un archivo' })
  @ApiAttachmentDownload()
  async download(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) response: Response) {
    return sendAttachment(await this.attachments.open(user.tenant, id), response);
  }

  @Delete('files/:id')
  @ApiOperation({ summary: 'Quitar un archivo' })
  @ApiOkResponse({ schema: { example: attachmentExample } })
  remove(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.attachments.remove(user.tenant, id, user.sub);
  }
}

@Module({ imports: [AttachmentsModule], controllers: [RecordFilesController] })
class RecordFilesModule {}

/** A service that exists only in this test: the library in a manifest, as any service would add it. */
export const attachmentsTestService: ServiceDefinition = {
  name: 'attachments_test',
  title: 'Adjuntos (servicio de prueba)',
  description: 'Servicio mínimo para probar @tequio/attachments contra PostgreSQL real',
  defaultPort: 3999,
  features: [attachmentsFeature, { module: RecordFilesModule }],
};
