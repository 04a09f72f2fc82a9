import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import { settingsExample, UpdateSettingsDto } from './settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('Configuración de transparencia')
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOperation({ summary: 'Unidad de Transparencia, prefijo de oficios, plazos legales en días hábiles y aviso de vencimiento' })
  @ApiOkResponse({ schema: { example: settingsExample } })
  get(@CurrentUser() user: TequioClaims) {
    return this.settings.get(user);
  }

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: 'Cambiar la configuración del municipio (los plazos nuevos rigen para los cálculos siguientes)' })
  @ApiOkResponse({ schema: { example: { ...settingsExample, isDefault: false, version: 1 } } })
  @ApiBadRequestResponse({ description: 'Un campo es inválido; el mensaje lo nombra' })
  update(@CurrentUser() user: TequioClaims, @Body() dto: UpdateSettingsDto) {
    return this.settings.update(user, dto);
  }
}
