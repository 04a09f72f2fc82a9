import { MessagingTables1763700000000 } from '@tequio/persistence';
import { ServiceDefinition } from '@tequio/platform';
import { Units1763700001000 } from './migrations/1763700001000-units';
import { Unit } from './units/unit.entity';
import { UnitsModule } from './units/units.module';

export const catalogService: ServiceDefinition = {
  name: 'catalog',
  title: 'Tequio · Catálogo',
  description: 'Municipios, unidades, programas presupuestarios, plan municipal, indicadores MIR, calendarios y semáforo.',
  defaultPort: 3001,
  imports: [UnitsModule],
  entities: [Unit],
  migrations: [MessagingTables1763700000000, Units1763700001000],
  consumes: [],
};
