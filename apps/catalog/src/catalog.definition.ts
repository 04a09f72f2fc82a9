import { Topic } from '@tequio/contracts';
import { ServiceDefinition } from '@tequio/platform';
import { AuditModule } from './audit/audit.module';
import { CalendarHoliday, CalendarYear } from './calendars/calendar.entity';
import { CalendarsModule } from './calendars/calendars.module';
import { Indicator } from './indicators/indicator.entity';
import { IndicatorsModule } from './indicators/indicators.module';
import { MetricsRegistryModule } from './metrics-registry/metrics-registry.module';
import { Units1763700001000 } from './migrations/1763700001000-units';
import { Municipalities1763700002000 } from './migrations/1763700002000-municipalities';
import { UnitParentHistory1763700002100 } from './migrations/1763700002100-unit-parent-history';
import { Calendars1763700002200 } from './migrations/1763700002200-calendars';
import { Semaphore1763700002300 } from './migrations/1763700002300-semaphore';
import { PlanPrograms1763700003000 } from './migrations/1763700003000-plan-programs';
import { MetricRegistry1763700003100 } from './migrations/1763700003100-metric-registry';
import { Indicators1763700003200 } from './migrations/1763700003200-indicators';
import { QuarterLocks1763700003300 } from './migrations/1763700003300-quarter-locks';
import { MetricRegistryReportMetrics1763700003400 } from './migrations/1763700003400-metric-registry-report-metrics';
import { MetricRegistryInContracts1763700003500 } from './migrations/1763700003500-metric-registry-in-contracts';
import { MirImportModule } from './mir-import/mir-import.module';
import { MunicipalitiesModule } from './municipalities/municipalities.module';
import { Municipality } from './municipalities/municipality.entity';
import { PlanAxis, PlanObjective, PlanPeriod } from './plan/plan.entity';
import { PlanModule } from './plan/plan.module';
import { Program, ProgramObjective } from './programs/program.entity';
import { ProgramsModule } from './programs/programs.module';
import { QuarterLock } from './quarter-locks/quarter-lock.entity';
import { QuarterLocksModule } from './quarter-locks/quarter-locks.module';
import { SemaphoreBandRow, SemaphoreScale } from './semaphore/semaphore.entity';
import { SemaphoreModule } from './semaphore/semaphore.module';
import { UnitParentHistory } from './units/unit-parent-history.entity';
import { Unit } from './units/unit.entity';
import { UnitsModule } from './units/units.module';

/** The service's manifest: each feature once, with its module, tables, migrations and consumed topics. */
export const catalogService: ServiceDefinition = {
  name: 'catalog',
  title: 'Tequio · Catálogo',
  description: 'Municipios, unidades, programas presupuestarios, plan municipal, indicadores MIR, calendarios y semáforo.',
  defaultPort: 3001,
  features: [
    { module: AuditModule },
    { module: UnitsModule, entities: [Unit, UnitParentHistory], migrations: [Units1763700001000, UnitParentHistory1763700002100] },
    { module: MunicipalitiesModule, entities: [Municipality], migrations: [Municipalities1763700002000], providesTenantRegistry: true },
    { module: CalendarsModule, entities: [CalendarYear, CalendarHoliday], migrations: [Calendars1763700002200] },
    { module: SemaphoreModule, entities: [SemaphoreScale, SemaphoreBandRow], migrations: [Semaphore1763700002300] },
    { module: PlanModule, entities: [PlanPeriod, PlanAxis, PlanObjective] },
    { module: ProgramsModule, entities: [Program, ProgramObjective], migrations: [PlanPrograms1763700003000] },
    {
      module: MetricsRegistryModule,
      migrations: [MetricRegistry1763700003100, MetricRegistryReportMetrics1763700003400, MetricRegistryInContracts1763700003500],
    },
    { module: IndicatorsModule, entities: [Indicator], migrations: [Indicators1763700003200] },
    { module: QuarterLocksModule, entities: [QuarterLock], migrations: [QuarterLocks1763700003300], consumes: [Topic.ReportingReportV1] },
    { module: MirImportModule },
  ],
};
