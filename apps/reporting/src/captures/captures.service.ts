import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { IndicatorDefinition } from '@tequio/contracts';
import { AuditTrail } from '@tequio/persistence';
import { CatalogSnapshotsRepository } from '../catalog-replica/catalog-snapshots.repository';
import { CaptureInput } from './capture.dto';
import { CapturesRepository, ManualCapture } from './captures.repository';

/** Roles that read and write for every unit of the municipality. */
export const PLANNING_ROLES = ['admin', 'planning'] as const;

export function actsForAllUnits(user: TequioClaims): boolean {
  return user.roles.some((role) => (PLANNING_ROLES as readonly string[]).includes(role));
}

/** Manual captures: the achieved values no service records, per indicator and quarter, with evidence; audited. */
@Injectable()
export class CapturesService {
  constructor(
    private readonly captures: CapturesRepository,
    private readonly snapshots: CatalogSnapshotsRepository,
    private readonly audit: AuditTrail,
  ) {}

  private async indicatorFor(user: TequioClaims, indicatorId: string): Promise<IndicatorDefinition> {
    const indicator = await this.snapshots.indicator(user.tenant, indicatorId);
    if (!indicator) throw new NotFoundException(`indicatorId: no existe el indicador ${indicatorId}`);
    if (!actsForAllUnits(user) && !user.units.includes(indicator.responsibleUnitCode)) {
      throw new ForbiddenException(`indicatorId: el indicador es de la unidad ${indicator.responsibleUnitCode}, por la que no puede actuar`);
    }
    return indicator;
  }

  async get(user: TequioClaims, indicatorId: string, year: number, quarter: number): Promise<ManualCapture> {
    await this.indicatorFor(user, indicatorId);
    const capture = await this.captures.find(undefined, user.tenant, indicatorId, year, quarter);
    if (!capture) throw new NotFoundException(`No hay captura del indicador ${indicatorId} en el trimestre ${quarter} de ${year}`);
    return capture;
  }

  async capture(user: TequioClaims, indicatorId: string, year: number, quarter: number, input: CaptureInput): Promise<ManualCapture> {
    const indicator = await this.indicatorFor(user, indicatorId);
    checkSides(indicator, year, input);
    return this.captures.transaction(async (manager) => {
      if (await this.captures.isLocked(manager, user.tenant, indicator.programId, year, quarter)) {
        throw new ConflictException(`quarter: el informe del trimestre ${quarter} de ${year} de este programa está aprobado; reábralo con un motivo para capturar`);
      }
      const before = await this.captures.find(manager, user.tenant, indicatorId, year, quarter);
      const saved = await this.captures.save(manager, user.tenant, {
        indicatorId,
        programId: indicator.programId,
        year,
        quarter,
        value: input.value ?? null,
        numerator: input.numerator ?? null,
        denominator: input.denominator ?? null,
        justification: input.justification,
        evidence: input.evidence,
        capturedBy: user.sub,
      });
      await this.audit.record(manager, {
        tenant: user.tenant,
        actor: user.sub,
        entityType: 'manual_capture',
        entityId: `${indicatorId}/${year}/${quarter}`,
        action: before ? 'updated' : 'created',
        before: before ?? null,
        after: saved,
      });
      return saved;
    });
  }
}

/** A capture fills exactly the manual sides of the indicator's formula. */
function checkSides(indicator: IndicatorDefinition, year: number, input: CaptureInput): void {
  if (year !== indicator.year) throw new BadRequestException(`year: el indicador es del año ${indicator.year}`);
  const numeratorManual = indicator.formula.numerator.kind === 'manual';
  const denominatorManual = indicator.formula.denominator.kind === 'manual';
  if (!numeratorManual && !denominatorManual) {
    throw new BadRequestException(`indicatorId: el indicador "${indicator.name}" se calcula de los registros (ningún lado de su fórmula es manual); no admite capturas`);
  }
  if (input.value !== undefined && !(numeratorManual && denominatorManual)) {
    throw new BadRequestException('value: solo se captura el valor cuando numerador y denominador son manuales; capture el lado manual');
  }
  if (input.value !== undefined) return;
  for (const [side, manual] of [['numerator', numeratorManual], ['denominator', denominatorManual]] as const) {
    if (manual && input[side] === undefined) throw new BadRequestException(`${side}: es manual en la fórmula del indicador; indíquelo`);
    if (!manual && input[side] !== undefined) throw new BadRequestException(`${side}: lo calculan los registros (fórmula: ${indicator.formula[side].kind}); no se captura`);
  }
}
