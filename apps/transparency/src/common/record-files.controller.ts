import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Req, Res, Type } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAttachmentDownload, ApiAttachmentUpload, attachmentExample, sendAttachment } from '@tequio/attachments';
import { CurrentUser, PersonalData, Role, Roles, TequioClaims } from '@tequio/auth';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FileTarget, RecordFiles } from './record-files';

/** A feature's rule for the files of one kind of record: the target, or 403/404/409 (uploads need the record's state to allow them). */
export type FilesScope = (user: TequioClaims, id: string, purpose: 'read' | 'upload') => Promise<FileTarget>;

export interface RecordFilesRoutes<TService> {
  /** Class name (OpenAPI operation ids start with it). */
  name: string;
  tag: string;
  /** e.g. `turns/:turnId/attachments`; `param` is the record's id in it. */
  path: string;
  param: string;
  /** The entity type of the record `param` names, for the platform's audit of each download (personal data). */
  entity: string;
  service: Type<TService>;
  scope: (service: TService) => FilesScope;
  /** What the files are, for the summaries: "del oficio de respuesta del área". */
  of: string;
  /** Who may act, as the 403 says. */
  forbidden: string;
  /** The roles that may act at all (the scope then checks the unit); every role when absent. */
  roles?: Role[];
  /** When an upload is refused by the record's state, as the 409 says. */
  conflict: string;
  example: { ownerType: string; filename: string; uploadedBy: string };
}

/**
 * Upload, list and download of a record's files through the shared attachments library: the same three endpoints
 * for a unit's answer oficio, the final answer and an appeal's resolution, each behind its feature's scope.
 */
export function recordFilesController<TService>(routes: RecordFilesRoutes<TService>): Type<unknown> {
  const example = { ...attachmentExample, ...routes.example };

  @ApiTags(routes.tag)
  @Controller(routes.path)
  class RecordFilesController {
    private readonly scope: FilesScope;

    constructor(@Inject(routes.service) service: TService, private readonly files: RecordFiles) {
      this.scope = routes.scope(service);
    }

    @Post()
    @ApiOperation({ summary: `Adjuntar archivos ${routes.of} (PDF o imágenes, revisados por su contenido; todos o ninguno)` })
    @ApiAttachmentUpload({ multiple: true })
    @ApiCreatedResponse({ schema: { example: { attachments: [example] } } })
    @ApiForbiddenResponse({ description: routes.forbidden })
    @ApiNotFoundResponse({ description: 'No existe el registro' })
    @ApiConflictResponse({ description: routes.conflict })
    async upload(@CurrentUser() user: TequioClaims, @Param(routes.param, ParseUUIDPipe) id: string, @Req() request: IncomingMessage) {
      return this.files.upload(user, await this.scope(user, id, 'upload'), request);
    }

    @Get()
    @ApiOperation({ summary: `Archivos ${routes.of} (metadatos)` })
    @ApiOkResponse({ schema: { example: { items: [example] } } })
    @ApiForbiddenResponse({ description: routes.forbidden })
    @ApiNotFoundResponse({ description: 'No existe el registro' })
    async list(@CurrentUser() user: TequioClaims, @Param(routes.param, ParseUUIDPipe) id: string) {
      return this.files.list(user, await this.scope(user, id, 'read'));
    }

    @Get(':attachmentId')
    // Besides the service's attachment_read (which file), the platform's personal_data_read (which route).
    @PersonalData({ entity: routes.entity, param: routes.param })
    @ApiOperation({ summary: `Descargar un archivo ${routes.of} (cada lectura queda en la bitácora)` })
    @ApiAttachmentDownload()
    @ApiForbiddenResponse({ description: routes.forbidden })
    async download(
      @CurrentUser() user: TequioClaims,
      @Param(routes.param, ParseUUIDPipe) id: string,
      @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
      @Res({ passthrough: true }) response: ServerResponse,
    ) {
      return sendAttachment(await this.files.open(user, await this.scope(user, id, 'read'), attachmentId), response);
    }
  }

  if (routes.roles) Roles(...routes.roles)(RecordFilesController);
  Object.defineProperty(RecordFilesController, 'name', { value: routes.name });
  return RecordFilesController;
}
