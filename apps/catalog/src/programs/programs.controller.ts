import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
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
import { CreateProgramDto, ListProgramsQueryDto, programResponseExample, UpdateProgramDto } from './program.dto';
import { ProgramsService } from './programs.service';

@ApiTags('Programas presupuestarios')
@Controller('programs')
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @Post()
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Registrar un programa presupuestario de un año' })
  @ApiCreatedResponse({ schema: { example: programResponseExample } })
  @ApiBadRequestResponse({ description: 'Campo inválido, unidad u objetivo inexistente, u objetivo de un plan que no cubre el año' })
  @ApiConflictResponse({ description: 'Ya existe un programa con esa clave ese año' })
  create(@CurrentUser() user: TequioClaims, @Body() dto: CreateProgramDto) {
    return this.programs.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Listar programas (paginado; filtra por año, unidad, objetivo y texto)' })
  @ApiOkResponse({ schema: { example: { items: [programResponseExample], total: 1, limit: 50, offset: 0 } } })
  list(@CurrentUser() user: TequioClaims, @Query() query: ListProgramsQueryDto) {
    return this.programs.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Consultar un programa' })
  @ApiOkResponse({ schema: { example: programResponseExample } })
  @ApiNotFoundResponse({ description: 'No existe en el municipio del usuario' })
  get(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.programs.get(user, id);
  }

  @Patch(':id')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Cambiar clave, nombre, unidad responsable o alineación de un programa' })
  @ApiOkResponse({ schema: { example: { ...programResponseExample, version: 2 } } })
  @ApiConflictResponse({ description: 'La clave nueva ya existe ese año' })
  update(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateProgramDto) {
    return this.programs.update(user, id, dto);
  }

  @Delete(':id')
  @Roles('admin', 'planning')
  @ApiOperation({ summary: 'Eliminar un programa sin indicadores' })
  @ApiOkResponse({ schema: { example: { ...programResponseExample, version: 2 } } })
  @ApiConflictResponse({ description: 'El programa tiene indicadores' })
  @ApiNotFoundResponse({ description: 'No existe el programa' })
  remove(@CurrentUser() user: TequioClaims, @Param('id', ParseUUIDPipe) id: string) {
    return this.programs.remove(user, id);
  }
}
