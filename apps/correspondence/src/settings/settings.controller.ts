import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import { settingsResponseExample, UpdateSettingsDto } from './settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('Configuración de la Oficialía de Partes')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOperation({ summary: 'Formato de folio y de oficio, plazo de respuesta en días hábiles y temas de audiencia del municipio' })
  @ApiOkResponse({ schema: { example: settingsResponseExample } })
  get(@CurrentUser() user: TequioClaims) {
    return this.settings.get(user);
  }

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: 'Cambiar la configuración (solo los campos enviados)' })
  @ApiOkResponse({ schema: { example: settingsResponseExample } })
  @ApiBadRequestResponse({ description: 'Formato sin {year} o sin {seq}, o un campo inválido; el mensaje lo nombra' })
  update(@CurrentUser() user: TequioClaims, @Body() dto: UpdateSettingsDto) {
    return this.settings.update(user, dto);
  }
}
