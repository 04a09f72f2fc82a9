import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
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
import { AllowUnregisteredTenant, CurrentUser, Roles, TequioClaims } from '@tequio/auth';
import { CreateMunicipalityDto, ListMunicipalitiesQueryDto, municipalityResponseExample, UpdateMunicipalityDto } from './municipality.dto';
import { MunicipalitiesService } from './municipalities.service';

@ApiTags('Municipios')
@Controller('municipalities')
export class MunicipalitiesController {
  constructor(private readonly municipalities: MunicipalitiesService) {}

  // Bootstrap of a tenant: its admin's token names a municipality not registered yet (it may only register that one).
  @Post()
  @Roles('admin')
  @AllowUnregisteredTenant()
  @ApiOperation({
    summary: 'Registrar un municipio (solo administradores)',
    description: 'El único punto que acepta el token de un municipio aún no registrado: su administrador lo registra. Los demás servicios lo conocen por el evento de municipio.',
  })
  @ApiCreatedResponse({ schema: { example: municipalityResponseExample } })
  @ApiBadRequestResponse({ description: 'Campo inválido; el mensaje lo nombra' })
  @ApiForbiddenResponse({ description: 'El usuario no es administrador' })
  @ApiConflictResponse({ description: 'El identificador o la clave INEGI ya existen' })
  create(@CurrentUser() user: TequioClaims, @Body() dto: CreateMunicipalityDto) {
    return this.municipalities.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Listar municipios: el administrador ve todos; los demás, solo el suyo' })
  @ApiOkResponse({ schema: { example: { items: [municipalityResponseExample], total: 1, limit: 50, offset: 0 } } })
  list(@CurrentUser() user: TequioClaims, @Query() query: ListMunicipalitiesQueryDto) {
    return this.municipalities.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Consultar un municipio' })
  @ApiOkResponse({ schema: { example: municipalityResponseExample } })
  @ApiNotFoundResponse({ description: 'No existe, o no es el municipio del usuario' })
  get(@CurrentUser() user: TequioClaims, @Param('id') id: string) {
    return this.municipalities.get(user, id);
  }

  // A deactivated municipality's admin can still reactivate it.
  @Patch(':id')
  @Roles('admin')
  @AllowUnregisteredTenant()
  @ApiOperation({ summary: 'Modificar un municipio (solo administradores); también reactiva uno desactivado' })
  @ApiOkResponse({ schema: { example: { ...municipalityResponseExample, version: 2 } } })
  @ApiForbiddenResponse({ description: 'El usuario no es administrador' })
  @ApiConflictResponse({ description: 'La clave INEGI ya corresponde a otro municipio' })
  update(@CurrentUser() user: TequioClaims, @Param('id') id: string, @Body() dto: UpdateMunicipalityDto) {
    return this.municipalities.update(user, id, dto);
  }
}
