import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Post, Put, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAttachmentDownload, ApiAttachmentUpload, attachmentExample, sendAttachment } from '@tequio/attachments';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import type { Request, Response } from 'express';
import { CaptureDto, captureResponseExample } from './capture.dto';
import { CapturesService } from './captures.service';
import { QuarterPipe } from '../reports/quarter.pipe';

@ApiTags('Capturas manuales')
@Controller('indicators/:indicatorId/captures')
export class CapturesController {
  constructor(private readonly captures: CapturesService) {}

  @Put(':year/:quarter')
  @Roles('admin', 'planning', 'unit_head', 'clerk')
  @ApiOperation({ summary: 'Capturar el valor alcanzado de un indicador manual en un trimestre, con justificación y evidencia' })
  @ApiOkResponse({ schema: { example: captureResponseExample } })
  @ApiBadRequestResponse({ description: 'Campo inválido, o indicador que se calcula de los registros' })
  @ApiNotFoundResponse({ description: 'No existe el indicador' })
  @ApiConflictResponse({ description: 'El informe del trimestre está aprobado (trimestre cerrado)' })
  capture(
    @CurrentUser() user: TequioClaims,
    @Param('indicatorId', ParseUUIDPipe) indicatorId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('quarter', QuarterPipe) quarter: number,
    @Body() dto: CaptureDto,
  ) {
    return this.captures.capture(user, indicatorId, year, quarter, dto);
  }

  @Get(':year/:quarter')
  @ApiOperation({ summary: 'Consultar la captura de un indicador en un trimestre' })
  @ApiOkResponse({ schema: { example: captureResponseExample } })
  @ApiNotFoundResponse({ description: 'No existe el indicador o la captura' })
  get(
    @CurrentUser() user: TequioClaims,
    @Param('indicatorId', ParseUUIDPipe) indicatorId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('quarter', QuarterPipe) quarter: number,
  ) {
    return this.captures.get(user, indicatorId, year, quarter);
  }

  @Post(':year/:quarter/evidence')
  @Roles('admin', 'planning', 'unit_head', 'clerk')
  @ApiOperation({ summary: 'Adjuntar archivos de evidencia a la captura de un trimestre (campo "file"); la advertencia de captura sin evidencia desaparece' })
  @ApiAttachmentUpload({ multiple: true })
  @ApiCreatedResponse({ schema: { example: { attachments: [attachmentExample], fields: {} } } })
  @ApiNotFoundResponse({ description: 'No existe el indicador o aún no hay captura en ese trimestre' })
  @ApiConflictResponse({ description: 'El informe del trimestre está aprobado (trimestre cerrado)' })
  attachEvidence(
    @CurrentUser() user: TequioClaims,
    @Param('indicatorId', ParseUUIDPipe) indicatorId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('quarter', QuarterPipe) quarter: number,
    @Req() request: Request,
  ) {
    return this.captures.attachEvidence(user, indicatorId, year, quarter, request);
  }

  @Get(':year/:quarter/evidence')
  @ApiOperation({ summary: 'Archivos de evidencia de la captura de un trimestre' })
  @ApiOkResponse({ schema: { example: [attachmentExample] } })
  evidence(
    @CurrentUser() user: TequioClaims,
    @Param('indicatorId', ParseUUIDPipe) indicatorId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('quarter', QuarterPipe) quarter: number,
  ) {
    return this.captures.evidence(user, indicatorId, year, quarter);
  }

  @Get(':year/:quarter/evidence/:attachmentId')
  @ApiOperation({ summary: 'Descargar un archivo de evidencia de la captura' })
  @ApiAttachmentDownload()
  async downloadEvidence(
    @CurrentUser() user: TequioClaims,
    @Param('indicatorId', ParseUUIDPipe) indicatorId: string,
    @Param('year', ParseIntPipe) year: number,
    @Param('quarter', QuarterPipe) quarter: number,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return sendAttachment(await this.captures.openEvidence(user, indicatorId, year, quarter, attachmentId), response);
  }
}
