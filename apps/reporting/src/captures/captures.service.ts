import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AttachmentsService, AttachmentView, OpenedAttachment, openOwnedAttachment, ReceivedUpload } from '@tequio/attachments';
import { TequioClaims } from '@tequio/auth';
import { IncomingMessage } from 'node:http';
import { IndicatorDefinition } from '@tequio/contracts';
import { AuditTrail } from '@tequio/persistence';
import { CatalogSnapshotsRepository } from '../catalog-replica/catalog-snapshots.repository';
import { CaptureInput } from './capture.dto';
import { CAPTURE_OWNER_TYPE, captureOwnerId, CapturesRepository, ManualCapture } from './captures.repository';

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
    private readonly attachments: AttachmentsService,
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

  /** Evidence files for an existing capture, stored with `@tequio/attachments`; refused while the quarter is locked. */
  async attachEvidence(user: TequioClaims, indicatorId: string, year: number, quarter: number, request: IncomingMessage): Promise<ReceivedUpload> {
    const indicator = await this.indicatorFor(user, indicatorId);
    return this.captures.transaction(async (manager) => {
      if (await this.captures.isLocked(manager, user.tenant, indicator.programId, year, quarter)) {
        throw new ConflictException(`quarter: el informe del trimestre ${quarter} de ${year} de este programa está aprobado; reábralo con un motivo para agregar evidencia`);
      }
      if (!(await this.captures.find(manager, user.tenant, indicatorId, year, quarter))) {
        throw new NotFoundException(`quarter: no hay captura del indicador en el trimestre ${quarter} de ${year}; capture el valor antes de adjuntar evidencia`);
      }
      const owner = { type: CAPTURE_OWNER_TYPE, id: captureOwnerId(indicatorId, year, quarter) };
      return this.attachments.receive(request, { tenant: user.tenant, owner, uploadedBy: user.sub }, { field: 'file' }, manager);
    });
  }

  async evidence(user: TequioClaims, indicatorId: string, year: number, quarter: number): Promise<AttachmentView[]> {
    await this.indicatorFor(user, indicatorId);
    return this.attachments.list(user.tenant, { type: CAPTURE_OWNER_TYPE, id: captureOwnerId(indicatorId, year, quarter) });
  }

  async openEvidence(user: TequioClaims, indicatorId: string, year: number, quarter: number, attachmentId: string): Promise<OpenedAttachment> {
    await this.indicatorFor(user, indicatorId);
    const owner = { type: CAPTURE_OWNER_TYPE, id: captureOwnerId(indicatorId, year, quarter) };
    return openOwnedAttachment(this.attachments, user.tenant, owner, attachmentId, `la captura del trimestre ${quarter} de ${year}`);
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
  const valueOnly = input.value !== undefined && input.numerator === undefined && input.denominator === undefined;
  if (valueOnly && !(numeratorManual && denominatorManual)) {
    throw new BadRequestException('value: el valor sin numerador ni denominador solo se captura cuando ambos lados son manuales; capture el lado manual (y, si quiere, value como valor declarado)');
  }
  if (valueOnly) return;
  for (const [side, manual] of [['numerator', numeratorManual], ['denominator', denominatorManual]] as const) {
    if (manual && input[side] === undefined) throw new BadRequestException(`${side}: es manual en la fórmula del indicador; indíquelo`);
    if (!manual && input[side] !== undefined) throw new BadRequestException(`${side}: lo calculan los registros (fórmula: ${indicator.formula[side].kind}); no se captura`);
  }
}
