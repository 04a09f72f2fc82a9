import { AuditTrail1763700000050, MessagingTables1763700000000 } from '@tequio/persistence';
import { ServiceDefinition } from '@tequio/platform';
import { Topic } from '@tequio/contracts';
import { AuditModule } from './audit/audit.module';
import { Units1763700001000 } from './migrations/1763700001000-units';
import { Unit } from './units/unit.entity';
import { UnitsModule } from './units/units.module';
import { PlanPrograms1763700003000 } from './migrations/1763700003000-plan-programs';
import { MetricRegistry1763700003100 } from './migrations/1763700003100-metric-registry';
import { Indicators1763700003200 } from './migrations/1763700003200-indicators';
import { QuarterLocks1763700003300 } from './migrations/1763700003300-quarter-locks';
import { MetricRegistryReportMetrics1763700003400 } from './migrations/1763700003400-metric-registry-report-metrics';
import { PlanAxis, PlanObjective, PlanPeriod } from './plan/plan.entity';
import { PlanModule } from './plan/plan.module';
import { Program, ProgramObjective } from './programs/program.entity';
import { ProgramsModule } from './programs/programs.module';
import { Indicator } from './indicators/indicator.entity';
import { IndicatorsModule } from './indicators/indicators.module';
import { MetricDefinition } from './metrics-registry/metric-definition.entity';
import { MetricsRegistryModule } from './metrics-registry/metrics-registry.module';
import { QuarterLock } from './quarter-locks/quarter-lock.entity';
import { QuarterLocksModule } from './quarter-locks/quarter-locks.module';
import { Calendars1763700002200 } from './migrations/1763700002200-calendars';
import { Municipalities1763700002000 } from './migrations/1763700002000-municipalities';
import { Semaphore1763700002300 } from './migrations/1763700002300-semaphore';
import { UnitParentHistory1763700002100 } from './migrations/1763700002100-unit-parent-history';
import { CalendarHoliday, CalendarYear } from './calendars/calendar.entity';
import { CalendarsModule } from './calendars/calendars.module';
import { MunicipalitiesModule } from './municipalities/municipalities.module';
import { Municipality } from './municipalities/municipality.entity';
import { SemaphoreBandRow, SemaphoreScale } from './semaphore/semaphore.entity';
import { SemaphoreModule } from './semaphore/semaphore.module';
import { UnitParentHistory } from './units/unit-parent-history.entity';
import { MirImportModule } from './mir-import/mir-import.module';

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
    PlanModule, ProgramsModule, MetricsRegistryModule, QuarterLocksModule, IndicatorsModule,
    MunicipalitiesModule, CalendarsModule, SemaphoreModule,
    MirImportModule,
  ],
  entities: [
    Unit,
    PlanPeriod, PlanAxis, PlanObjective, Program, ProgramObjective, MetricDefinition, Indicator, QuarterLock,
    Municipality, UnitParentHistory, CalendarYear, CalendarHoliday, SemaphoreScale, SemaphoreBandRow,
  ],
  migrations: [
    MessagingTables1763700000000,
    AuditTrail1763700000050,
    Units1763700001000,
    PlanPrograms1763700003000, MetricRegistry1763700003100, Indicators1763700003200, QuarterLocks1763700003300, MetricRegistryReportMetrics1763700003400,
    Municipalities1763700002000, UnitParentHistory1763700002100, Calendars1763700002200, Semaphore1763700002300,
  ],
  consumes: [Topic.ReportingReportV1],
};
