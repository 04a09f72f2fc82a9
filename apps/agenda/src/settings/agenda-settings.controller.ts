import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import { agendaSettingsExample, UpdateAgendaSettingsDto } from './agenda-settings.dto';
import { AgendaSettingsService } from './agenda-settings.service';

@ApiTags('Configuración de la agenda')
@Controller('agenda-settings')
export class AgendaSettingsController {
  constructor(private readonly settings: AgendaSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'Configuración del municipio: unidades de la Oficina de la Presidencia, dependencias obligadas y plazo de la agenda semanal' })
  @ApiOkResponse({ schema: { example: agendaSettingsExample } })
  get(@CurrentUser() user: TequioClaims) {
    return this.settings.get(user);
  }

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: 'Guardar la configuración de la agenda del municipio' })
  @ApiOkResponse({ schema: { example: agendaSettingsExample } })
  @ApiBadRequestResponse({ description: 'Campo inválido (p. ej. deadlineTime no es HH:MM)' })
  update(@CurrentUser() user: TequioClaims, @Body() dto: UpdateAgendaSettingsDto) {
    return this.settings.update(user, dto);
  }
}
