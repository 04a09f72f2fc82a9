import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import { ReplaceSemaphoreDto, semaphoreResponseExample, SemaphoreYearParamDto } from './semaphore.dto';
import { SemaphoreService } from './semaphore.service';

@ApiTags('Semáforo')
@Controller('semaphore')
export class SemaphoreController {
  constructor(private readonly semaphore: SemaphoreService) {}

  @Get(':year')
  @ApiOperation({ summary: 'Bandas del semáforo del año (las de por omisión, marcadas isDefault, si no hay propias)' })
  @ApiOkResponse({ schema: { example: semaphoreResponseExample } })
  get(@CurrentUser() user: TequioClaims, @Param() params: SemaphoreYearParamDto) {
    return this.semaphore.get(user, params.year);
  }

  @Put(':year')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Reemplazar las bandas del año (de 0 a infinito, sin huecos ni traslapes)' })
  @ApiOkResponse({ schema: { example: { ...semaphoreResponseExample, isDefault: false, note: null, version: 1 } } })
  @ApiBadRequestResponse({ description: 'Las bandas dejan un hueco, se traslapan o no llegan a infinito; el mensaje nombra la banda' })
  replace(@CurrentUser() user: TequioClaims, @Param() params: SemaphoreYearParamDto, @Body() dto: ReplaceSemaphoreDto) {
    return this.semaphore.replace(user, params.year, dto);
  }

  @Delete(':year')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Restaurar las bandas por omisión del año' })
  @ApiOkResponse({ schema: { example: { ...semaphoreResponseExample, version: 2 } } })
  reset(@CurrentUser() user: TequioClaims, @Param() params: SemaphoreYearParamDto) {
    return this.semaphore.reset(user, params.year);
  }
}
