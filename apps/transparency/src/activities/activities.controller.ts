import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiNotFoundResponse } from '@nestjs/swagger';
import { CurrentUser, TequioClaims } from '@tequio/auth';
import {
  advisoryExample,
  complaintExample,
  ComplaintRequirementDto,
  ComplaintStatusDto,
  ListActivitiesQueryDto,
  monitoringExample,
  RecordAdvisoryDto,
  RecordMonitoringDto,
  RecordTrainingDto,
  RegisterComplaintDto,
  RequirementComplianceDto,
  trainingExample,
} from './activity.dto';
import { ActivitiesService } from './activities.service';
import { TransparencyStaffOnly } from '../settings/settings.service';

const page = <T>(item: T) => ({ items: [item], total: 1, limit: 50, offset: 0 });
const NOT_STAFF = 'Solo el personal de la Unidad de Transparencia';

@ApiTags('Capacitaciones, asesorías y monitoreos')
@Controller()
@TransparencyStaffOnly()
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Post('trainings')
  @ApiOperation({ summary: 'Registrar una capacitación: fecha, tema, asistentes por sexo y unidades asistentes' })
  @ApiCreatedResponse({ schema: { example: trainingExample } })
  @ApiBadRequestResponse({ description: 'Una unidad no existe o un campo es inválido' })
  @ApiForbiddenResponse({ description: NOT_STAFF })
  recordTraining(@CurrentUser() user: TequioClaims, @Body() dto: RecordTrainingDto) {
    return this.activities.recordTraining(user, dto);
  }

  @Get('trainings')
  @ApiOperation({ summary: 'Capacitaciones registradas' })
  @ApiOkResponse({ schema: { example: page(trainingExample) } })
  trainings(@CurrentUser() user: TequioClaims, @Query() query: ListActivitiesQueryDto) {
    return this.activities.list(user, 'training', query);
  }

  @Post('trainings/:id/cancel')
  @ApiOperation({ summary: 'Cancelar una capacitación registrada por error' })
  @ApiCreatedResponse({ schema: { example: { ...trainingExample, cancelled: true, version: 2 } } })
  @ApiConflictResponse({ description: 'Ya estaba cancelada' })
  @ApiNotFoundResponse({ description: 'No existe la capacitación' })
  cancelTraining(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.activities.cancel(user, 'training', id);
  }

  @Post('advisories')
  @ApiOperation({ summary: 'Registrar una asesoría: tema y sexo de la persona asesorada' })
  @ApiCreatedResponse({ schema: { example: advisoryExample } })
  @ApiForbiddenResponse({ description: NOT_STAFF })
  recordAdvisory(@CurrentUser() user: TequioClaims, @Body() dto: RecordAdvisoryDto) {
    return this.activities.recordAdvisory(user, dto);
  }

  @Get('advisories')
  @ApiOperation({ summary: 'Asesorías registradas' })
  @ApiOkResponse({ schema: { example: page(advisoryExample) } })
  advisories(@CurrentUser() user: TequioClaims, @Query() query: ListActivitiesQueryDto) {
    return this.activities.list(user, 'advisory', query);
  }

  @Post('advisories/:id/cancel')
  @ApiOperation({ summary: 'Cancelar una asesoría registrada por error' })
  @ApiCreatedResponse({ schema: { example: { ...advisoryExample, cancelled: true, version: 2 } } })
  @ApiNotFoundResponse({ description: 'No existe la asesoría' })
  cancelAdvisory(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.activities.cancel(user, 'advisory', id);
  }

  @Post('monitorings')
  @ApiOperation({ summary: 'Registrar las revisiones de un día a SISAI, al correo de la Unidad, a las páginas del INAI/OGAIPO o al portal de Gobierno Abierto' })
  @ApiCreatedResponse({ schema: { example: monitoringExample } })
  @ApiForbiddenResponse({ description: NOT_STAFF })
  recordMonitoring(@CurrentUser() user: TequioClaims, @Body() dto: RecordMonitoringDto) {
    return this.activities.recordMonitoring(user, dto);
  }

  @Get('monitorings')
  @ApiOperation({ summary: 'Monitoreos registrados con su hallazgo' })
  @ApiOkResponse({ schema: { example: page(monitoringExample) } })
  monitorings(@CurrentUser() user: TequioClaims, @Query() query: ListActivitiesQueryDto) {
    return this.activities.list(user, 'monitoring', query);
  }

  @Post('monitorings/:id/cancel')
  @ApiOperation({ summary: 'Cancelar un monitoreo registrado por error' })
  @ApiCreatedResponse({ schema: { example: { ...monitoringExample, cancelled: true, version: 2 } } })
  @ApiNotFoundResponse({ description: 'No existe el monitoreo' })
  cancelMonitoring(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.activities.cancel(user, 'monitoring', id);
  }
}

@ApiTags('Denuncias por obligaciones de transparencia')
@Controller('complaints')
@TransparencyStaffOnly()
export class ComplaintsController {
  constructor(private readonly activities: ActivitiesService) {}

  @Post()
  @ApiOperation({ summary: 'Registrar una denuncia por incumplimiento de obligaciones de publicación' })
  @ApiCreatedResponse({ schema: { example: { ...complaintExample, status: 'recibida', requirements: [], version: 1 } } })
  @ApiForbiddenResponse({ description: NOT_STAFF })
  register(@CurrentUser() user: TequioClaims, @Body() dto: RegisterComplaintDto) {
    return this.activities.registerComplaint(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Denuncias registradas' })
  @ApiOkResponse({ schema: { example: page(complaintExample) } })
  list(@CurrentUser() user: TequioClaims, @Query() query: ListActivitiesQueryDto) {
    return this.activities.listComplaints(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Una denuncia con los oficios de requerimiento a las unidades' })
  @ApiOkResponse({ schema: { example: complaintExample } })
  @ApiNotFoundResponse({ description: 'No existe la denuncia' })
  get(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.activities.getComplaint(user, id);
  }

  @Post(':id/requirements')
  @ApiOperation({ summary: 'Requerir por oficio a una unidad que publique o actualice la obligación' })
  @ApiCreatedResponse({ schema: { example: complaintExample } })
  @ApiBadRequestResponse({ description: 'La unidad no existe o la fecha es inválida' })
  require(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ComplaintRequirementDto) {
    return this.activities.addRequirement(user, id, dto);
  }

  @Post(':id/requirements/:requirementId/compliance')
  @ApiOperation({ summary: 'La unidad cumplió el requerimiento' })
  @ApiCreatedResponse({ schema: { example: { ...complaintExample, status: 'atendida' } } })
  @ApiConflictResponse({ description: 'Ya se había cumplido' })
  comply(
    @CurrentUser() user: TequioClaims,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('requirementId', ParseUUIDPipe) requirementId: string,
    @Body() dto: RequirementComplianceDto,
  ) {
    return this.activities.complyRequirement(user, id, requirementId, dto);
  }

  @Post(':id/status')
  @ApiOperation({ summary: 'Cambiar el estado de la denuncia (p. ej. resuelta por el órgano garante, o cancelada)' })
  @ApiCreatedResponse({ schema: { example: { ...complaintExample, status: 'resuelta' } } })
  @ApiConflictResponse({ description: 'La denuncia está cancelada' })
  status(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ComplaintStatusDto) {
    return this.activities.setComplaintStatus(user, id, dto);
  }
}
