import { AuditTrail1763700000050, MessagingTables1763700000000 } from '@tequio/persistence';
import { ServiceDefinition } from '@tequio/platform';
import { AuditModule } from './audit/audit.module';
import { Units1763700001000 } from './migrations/1763700001000-units';
import { Unit } from './units/unit.entity';
import { UnitsModule } from './units/units.module';

/*
 * Each feature adds its module, entities and migrations here (one line each; migrations sort by
 * their timestamp, which each feature keeps in its own range).
 */
export const catalogService: ServiceDefinition = {
  name: 'catalog',
  title: 'Tequio · Catálogo',
  description: 'Municipios, unidades, programas presupuestarios, plan municipal, indicadores MIR, calendarios y semáforo.',
  defaultPort: 3001,
  imports: [
    AuditModule,
    UnitsModule,
  ],
  entities: [
    Unit,
  ],
  migrations: [
    MessagingTables1763700000000,
    AuditTrail1763700000050,
    Units1763700001000,
  ],
  consumes: [],
};
