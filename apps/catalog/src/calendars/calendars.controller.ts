import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import {
  AddHolidayDto,
  BusinessDaysQueryDto,
  businessDaysResponseExample,
  CalendarHolidayParamDto,
  calendarResponseExample,
  CalendarYearParamDto,
  ReplaceCalendarDto,
} from './calendar.dto';
import { CalendarsService } from './calendars.service';

@ApiTags('Calendarios de días inhábiles')
@Controller('calendars')
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  @Get(':year')
  @ApiOperation({ summary: 'Días inhábiles, hora de corte y conteos del año (sábados y domingos siempre son inhábiles)' })
  @ApiOkResponse({ schema: { example: calendarResponseExample } })
  get(@CurrentUser() user: TequioClaims, @Param() params: CalendarYearParamDto) {
    return this.calendars.get(user, params.year);
  }

  @Put(':year')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Reemplazar el conjunto completo de días inhábiles del año (y la hora de corte)' })
  @ApiOkResponse({ schema: { example: calendarResponseExample } })
  @ApiBadRequestResponse({ description: 'Una fecha no pertenece al año, o un campo es inválido; el mensaje lo nombra' })
  @ApiConflictResponse({ description: 'Una fecha está repetida' })
  replace(@CurrentUser() user: TequioClaims, @Param() params: CalendarYearParamDto, @Body() dto: ReplaceCalendarDto) {
    return this.calendars.replace(user, params.year, dto);
  }

  @Post(':year/holidays')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Agregar un día inhábil' })
  @ApiCreatedResponse({ schema: { example: calendarResponseExample } })
  @ApiBadRequestResponse({ description: 'La fecha no pertenece al año' })
  @ApiConflictResponse({ description: 'Ya hay un día inhábil en esa fecha' })
  addHoliday(@CurrentUser() user: TequioClaims, @Param() params: CalendarYearParamDto, @Body() dto: AddHolidayDto) {
    return this.calendars.addHoliday(user, params.year, dto);
  }

  @Delete(':year/holidays/:date')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Quitar un día inhábil' })
  @ApiOkResponse({ schema: { example: calendarResponseExample } })
  @ApiNotFoundResponse({ description: 'No hay día inhábil en esa fecha' })
  removeHoliday(@CurrentUser() user: TequioClaims, @Param() params: CalendarHolidayParamDto) {
    return this.calendars.removeHoliday(user, params.year, params.date);
  }

  @Get(':year/business-days')
  @ApiOperation({ summary: 'La fecha que cae N días hábiles después de `from` (el día uno es el siguiente día hábil)' })
  @ApiOkResponse({ schema: { example: businessDaysResponseExample } })
  @ApiBadRequestResponse({ description: '`from` no pertenece al año, o `days` es inválido' })
  businessDays(@CurrentUser() user: TequioClaims, @Param() params: CalendarYearParamDto, @Query() query: BusinessDaysQueryDto) {
    return this.calendars.businessDays(user, params.year, query);
  }
}
