import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, PersonalData, Roles, TequioClaims } from '@tequio/auth';
import {
  AcknowledgeTurnDto,
  AnswerTurnDto,
  CancelDocumentDto,
  CloseTurnDto,
  documentListExample,
  documentResponseExample,
  historyResponseExample,
  ListDocumentsQueryDto,
  ReassignTurnDto,
  ReclassifyDocumentDto,
  RegisterDocumentDto,
  registeredResponseExample,
  TurnDocumentDto,
} from './document.dto';
import { DocumentsService } from './documents.service';

const CONFLICT = 'Transición inválida para el estado actual; la respuesta trae `currentStatus`';

@ApiTags('Oficialía de Partes')
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @Roles('admin', 'clerk')
  @ApiOperation({ summary: 'Registrar un documento recibido: asigna folio y código de seguimiento (se muestra solo esta vez)' })
  @ApiCreatedResponse({ schema: { example: registeredResponseExample } })
  @ApiBadRequestResponse({ description: 'Campo inválido o unidad inexistente; el mensaje lo nombra' })
  @ApiForbiddenResponse({ description: 'No es personal de la Oficialía de Partes de esa unidad' })
  register(@CurrentUser() user: TequioClaims, @Body() dto: RegisterDocumentDto) {
    return this.documents.register(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Listar documentos (paginado y filtrable; sin datos personales). Cada unidad ve lo que recibió o le turnaron' })
  @ApiOkResponse({ schema: { example: documentListExample } })
  list(@CurrentUser() user: TequioClaims, @Query() query: ListDocumentsQueryDto) {
    return this.documents.list(user, query);
  }

  @Post('overdue-sweep')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marcar ya como vencidos los turnos cuyo plazo pasó (el servicio lo hace solo cada cierto tiempo)' })
  @ApiOkResponse({ schema: { example: { marked: 3 } } })
  async sweep() {
    return { marked: await this.documents.markOverdue() };
  }

  @Get(':id')
  // Planning and auditors read it without sender, subject and summary.
  @PersonalData({ entity: 'document', param: 'id', withheldFrom: ['planning', 'auditor'] })
  @ApiOperation({ summary: 'Consultar un documento; remitente, asunto y resumen solo para la Oficialía y las unidades a las que se turnó (lectura registrada en bitácora)' })
  @ApiOkResponse({ schema: { example: documentResponseExample } })
  @ApiNotFoundResponse({ description: 'No existe en el municipio del usuario' })
  @ApiForbiddenResponse({ description: 'No fue turnado a sus unidades' })
  get(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.documents.get(user, id);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Historial completo de estados del documento y de sus turnos' })
  @ApiOkResponse({ schema: { example: historyResponseExample } })
  @ApiNotFoundResponse({ description: 'No existe el documento en su municipio' })
  history(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.documents.history(user, id);
  }

  @Patch(':id')
  @Roles('admin', 'clerk')
  @ApiOperation({ summary: 'Reclasificar: tipo, nivel de autoridad, canal, categoría de quien solicita' })
  @ApiOkResponse({ schema: { example: documentResponseExample } })
  @ApiConflictResponse({ description: CONFLICT })
  reclassify(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReclassifyDocumentDto) {
    return this.documents.reclassify(user, id, dto);
  }

  @Post(':id/turns')
  @Roles('admin', 'clerk')
  @ApiOperation({ summary: 'Turnar por oficio a una o más unidades (número de oficio consecutivo y fecha límite en días hábiles)' })
  @ApiCreatedResponse({ schema: { example: documentResponseExample } })
  @ApiBadRequestResponse({ description: 'Unidad inexistente o repetida' })
  @ApiConflictResponse({ description: CONFLICT })
  turn(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TurnDocumentDto) {
    return this.documents.turn(user, id, dto);
  }

  @Post(':id/acknowledgements')
  @Roles('admin', 'clerk', 'unit_head')
  @ApiOperation({ summary: 'Registrar el acuse de un oficio de turno' })
  @ApiCreatedResponse({ schema: { example: documentResponseExample } })
  @ApiConflictResponse({ description: CONFLICT })
  @ApiForbiddenResponse({ description: 'El turno es de otra unidad' })
  acknowledge(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AcknowledgeTurnDto) {
    return this.documents.acknowledge(user, id, dto);
  }

  @Post(':id/answers')
  @Roles('admin', 'clerk', 'unit_head')
  @ApiOperation({ summary: 'Registrar la respuesta de la unidad a la que se turnó' })
  @ApiCreatedResponse({ schema: { example: { ...documentResponseExample, status: 'respondido', statusLabel: 'Respondido' } } })
  @ApiConflictResponse({ description: CONFLICT })
  @ApiForbiddenResponse({ description: 'El turno es de otra unidad' })
  answer(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AnswerTurnDto) {
    return this.documents.answer(user, id, dto);
  }

  @Post(':id/closures')
  @Roles('admin', 'clerk', 'unit_head')
  @ApiOperation({ summary: 'Concluir un turno sin respuesta (p. ej. designación de representación)' })
  @ApiCreatedResponse({ schema: { example: { ...documentResponseExample, status: 'concluido_sin_respuesta', statusLabel: 'Concluido sin respuesta' } } })
  @ApiConflictResponse({ description: CONFLICT })
  close(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CloseTurnDto) {
    return this.documents.close(user, id, dto);
  }

  @Post(':id/reassignments')
  @Roles('admin', 'clerk')
  @ApiOperation({ summary: 'Reasignar un turno a otra unidad, con motivo (nuevo oficio; el anterior queda como reasignado)' })
  @ApiCreatedResponse({ schema: { example: documentResponseExample } })
  @ApiConflictResponse({ description: CONFLICT })
  reassign(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReassignTurnDto) {
    return this.documents.reassign(user, id, dto);
  }

  @Post(':id/cancellation')
  @Roles('admin', 'clerk')
  @ApiOperation({ summary: 'Cancelar un documento registrado por error (deja de contar en estadísticas e indicadores)' })
  @ApiCreatedResponse({ schema: { example: { ...documentResponseExample, status: 'cancelado', statusLabel: 'Cancelado' } } })
  @ApiConflictResponse({ description: CONFLICT })
  cancel(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CancelDocumentDto) {
    return this.documents.cancel(user, id, dto);
  }
}
