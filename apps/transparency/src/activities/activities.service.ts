import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { yearOf } from '@tequio/calendar';
import {
  TransparencyAdvisoryRecorded,
  TransparencyComplaintChanged,
  TransparencyComplaintRegistered,
  TransparencyComplaintSnapshot,
  TransparencyMonitoringRecorded,
  TransparencyTrainingRecorded,
} from '@tequio/contracts';
import { UnitReplicaRepository } from '@tequio/unit-directory';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ChangeRecorder } from '../common/change-recorder';
import { SettingsService } from '../settings/settings.service';
import {
  ComplaintRequirementDto,
  ComplaintStatusDto,
  ListActivitiesQueryDto,
  RecordAdvisoryDto,
  RecordMonitoringDto,
  RecordTrainingDto,
  RegisterComplaintDto,
  RequirementComplianceDto,
} from './activity.dto';
import { ActivityKind, Complaint, ComplaintRequirement, TransparencyActivity } from './activity.entity';
import { ActivitiesRepository } from './activities.repository';

const NOT_FOUND: Record<ActivityKind, string> = { training: 'la capacitación', advisory: 'la asesoría', monitoring: 'el monitoreo' };

/** Trainings, advisories, monitorings and complaints: recorded by the transparency unit, published for reporting. */
@Injectable()
export class ActivitiesService {
  constructor(
    private readonly activities: ActivitiesRepository,
    private readonly settingsService: SettingsService,
    private readonly units: UnitReplicaRepository,
    private readonly changes: ChangeRecorder,
  ) {}

  async recordTraining(user: TequioClaims, dto: RecordTrainingDto) {
    for (const [index, code] of dto.unitCodes.entries()) await this.requireUnit(user.tenant, code, `unitCodes.${index}`);
    return this.record(user, { kind: 'training', day: dto.heldOn, topic: dto.topic, men: dto.men, women: dto.women, unitCodes: dto.unitCodes });
  }

  async recordAdvisory(user: TequioClaims, dto: RecordAdvisoryDto) {
    if (dto.unitCode) await this.requireUnit(user.tenant, dto.unitCode, 'unitCode');
    return this.record(user, { kind: 'advisory', day: dto.givenOn, topic: dto.topic, sex: dto.sex, unitCodes: dto.unitCode ? [dto.unitCode] : [] });
  }

  recordMonitoring(user: TequioClaims, dto: RecordMonitoringDto) {
    return this.record(user, { kind: 'monitoring', day: dto.doneOn, platform: dto.platform, count: dto.count, finding: dto.finding ?? null });
  }

  async cancel(user: TequioClaims, kind: ActivityKind, id: string) {
    await this.settingsService.requireStaff(user);
    return this.activities.transaction(async (manager) => {
      const activity = await this.activities.lock(manager, user.tenant, kind, id);
      if (!activity) throw new NotFoundException(`id: no existe ${NOT_FOUND[kind]} ${id}`);
      if (activity.cancelled) throw new ConflictException(`id: ${NOT_FOUND[kind]} ${id} ya está cancelada`);
      const before = activityView(activity);
      activity.cancelled = true;
      activity.version += 1;
      return this.publish(manager, user, await this.activities.save(manager, activity), 'cancelled', before);
    });
  }

  async list(user: TequioClaims, kind: ActivityKind, query: ListActivitiesQueryDto) {
    await this.settingsService.requireStaff(user);
    const { items, total } = await this.activities.list({ ...query, kind, tenant: user.tenant });
    return { items: items.map(activityView), total, limit: query.limit, offset: query.offset };
  }

  async registerComplaint(user: TequioClaims, dto: RegisterComplaintDto) {
    await this.settingsService.requireStaff(user);
    return this.activities.transaction(async (manager) => {
      const complaint = await this.activities.saveComplaint(
        manager,
        Object.assign(new Complaint(), {
          id: randomUUID(),
          tenant: user.tenant,
          obligationReference: dto.obligationReference,
          receivedOn: dto.receivedOn,
          requesterCategory: dto.requesterCategory,
          description: dto.description ?? null,
          status: 'recibida' as const,
          version: 1,
        }),
      );
      const data = complaintSnapshot(complaint, []);
      await this.changes.record(manager, {
        tenant: user.tenant,
        actor: user.sub,
        entityType: 'complaint',
        entityId: complaint.id,
        action: 'registered',
        before: null,
        after: data,
        event: TransparencyComplaintRegistered,
        data,
      });
      return complaintView(data);
    });
  }

  addRequirement(user: TequioClaims, id: string, dto: ComplaintRequirementDto) {
    return this.changeComplaint(user, id, async (manager, complaint, requirements, settings) => {
      if (dto.sentOn < complaint.receivedOn) throw new BadRequestException(`sentOn: no puede ser anterior a la recepción de la denuncia (${complaint.receivedOn})`);
      await this.requireUnit(user.tenant, dto.unitCode, 'unitCode');
      const requirement = Object.assign(new ComplaintRequirement(), {
        id: randomUUID(),
        complaintId: complaint.id,
        unitCode: dto.unitCode,
        oficioNumber: await this.settingsService.nextOficio(manager, settings, yearOf(dto.sentOn)),
        sentOn: dto.sentOn,
        compliedOn: null,
      });
      requirements.push(await this.activities.saveRequirement(manager, requirement));
      if (complaint.status === 'recibida') complaint.status = 'en_requerimiento';
      return 'requirement_sent';
    });
  }

  complyRequirement(user: TequioClaims, id: string, requirementId: string, dto: RequirementComplianceDto) {
    return this.changeComplaint(user, id, async (manager, complaint, requirements) => {
      const requirement = requirements.find((candidate) => candidate.id === requirementId);
      if (!requirement) throw new NotFoundException(`requirementId: la denuncia no tiene el requerimiento ${requirementId}`);
      if (requirement.compliedOn) throw new ConflictException(`requirementId: ya se cumplió el ${requirement.compliedOn}`);
      if (dto.compliedOn < requirement.sentOn) throw new BadRequestException(`compliedOn: no puede ser anterior al oficio (${requirement.sentOn})`);
      requirement.compliedOn = dto.compliedOn;
      await this.activities.saveRequirement(manager, requirement);
      if (requirements.every((candidate) => candidate.compliedOn)) complaint.status = 'atendida';
      return 'requirement_complied';
    });
  }

  setComplaintStatus(user: TequioClaims, id: string, dto: ComplaintStatusDto) {
    return this.changeComplaint(user, id, async (_manager, complaint) => {
      complaint.status = dto.status;
      return 'status_changed';
    });
  }

  async getComplaint(user: TequioClaims, id: string) {
    await this.settingsService.requireStaff(user);
    const complaint = await this.activities.findComplaint(user.tenant, id);
    if (!complaint) throw new NotFoundException(`id: no existe la denuncia ${id}`);
    return complaintView(complaintSnapshot(complaint, await this.activities.requirementsOf([id])));
  }

  async listComplaints(user: TequioClaims, query: ListActivitiesQueryDto) {
    await this.settingsService.requireStaff(user);
    const { items, total } = await this.activities.listComplaints({ ...query, tenant: user.tenant });
    const requirements = await this.activities.requirementsOf(items.map((item) => item.id));
    return {
      items: items.map((item) => complaintView(complaintSnapshot(item, requirements.filter((r) => r.complaintId === item.id)))),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  private async record(user: TequioClaims, fields: Partial<TransparencyActivity> & { kind: ActivityKind; day: string }) {
    await this.settingsService.requireStaff(user);
    return this.activities.transaction(async (manager) => {
      const activity = Object.assign(new TransparencyActivity(), {
        topic: null,
        sex: null,
        men: null,
        women: null,
        unitCodes: [],
        platform: null,
        count: null,
        finding: null,
        ...fields,
        id: randomUUID(),
        tenant: user.tenant,
        cancelled: false,
        version: 1,
      });
      return this.publish(manager, user, await this.activities.save(manager, activity), 'recorded', null);
    });
  }

  private async publish(manager: EntityManager, user: TequioClaims, activity: TransparencyActivity, action: string, before: object | null) {
    const after = activityView(activity);
    const common = { tenant: user.tenant, actor: user.sub, entityType: `transparency_${activity.kind}`, entityId: activity.id, action, before, after };
    const state = { cancelled: activity.cancelled, version: activity.version };
    if (activity.kind === 'training') {
      await this.changes.record(manager, {
        ...common,
        event: TransparencyTrainingRecorded,
        data: { trainingId: activity.id, heldOn: activity.day, attendees: { hombre: activity.men ?? 0, mujer: activity.women ?? 0 }, unitCodes: activity.unitCodes, ...state },
      });
    } else if (activity.kind === 'advisory') {
      await this.changes.record(manager, {
        ...common,
        event: TransparencyAdvisoryRecorded,
        data: {
          advisoryId: activity.id,
          givenOn: activity.day,
          topic: activity.topic as 'datos_personales' | 'enlaces',
          sex: activity.sex as 'hombre' | 'mujer',
          unitCode: activity.unitCodes[0] ?? null,
          ...state,
        },
      });
    } else {
      await this.changes.record(manager, {
        ...common,
        event: TransparencyMonitoringRecorded,
        data: { monitoringId: activity.id, doneOn: activity.day, platform: activity.platform as 'sisai', count: activity.count ?? 1, ...state },
      });
    }
    return after;
  }

  private async changeComplaint(
    user: TequioClaims,
    id: string,
    apply: (manager: EntityManager, complaint: Complaint, requirements: ComplaintRequirement[], settings: Awaited<ReturnType<SettingsService['requireStaff']>>) => Promise<string>,
  ) {
    const settings = await this.settingsService.requireStaff(user);
    return this.activities.transaction(async (manager) => {
      const complaint = await this.activities.lockComplaint(manager, user.tenant, id);
      if (!complaint) throw new NotFoundException(`id: no existe la denuncia ${id}`);
      if (complaint.status === 'cancelada') {
        throw new ConflictException({ statusCode: 409, error: 'Conflict', message: 'status: la denuncia está cancelada', currentStatus: complaint.status });
      }
      const requirements = await this.activities.requirementsOf([id], manager);
      const before = complaintSnapshot(complaint, requirements);
      const action = await apply(manager, complaint, requirements, settings);
      complaint.version += 1;
      const saved = await this.activities.saveComplaint(manager, complaint);
      const data = complaintSnapshot(saved, requirements);
      await this.changes.record(manager, {
        tenant: user.tenant,
        actor: user.sub,
        entityType: 'complaint',
        entityId: id,
        action,
        before,
        after: data,
        event: TransparencyComplaintChanged,
        data,
      });
      return complaintView(data);
    });
  }

  private async requireUnit(tenant: string, code: string, field: string): Promise<void> {
    if (!(await this.units.findByCode(tenant, code))) throw new BadRequestException(`${field}: la unidad ${code} no existe en el catálogo`);
  }
}

function activityView(activity: TransparencyActivity) {
  const common = { id: activity.id, cancelled: activity.cancelled, version: activity.version };
  if (activity.kind === 'training') {
    return { ...common, heldOn: activity.day, topic: activity.topic, men: activity.men, women: activity.women, unitCodes: activity.unitCodes };
  }
  if (activity.kind === 'advisory') return { ...common, givenOn: activity.day, topic: activity.topic, sex: activity.sex, unitCode: activity.unitCodes[0] ?? null };
  return { ...common, doneOn: activity.day, platform: activity.platform, count: activity.count, finding: activity.finding };
}

function complaintSnapshot(complaint: Complaint, requirements: ComplaintRequirement[]): TransparencyComplaintSnapshot {
  return {
    complaintId: complaint.id,
    obligationReference: complaint.obligationReference,
    receivedOn: complaint.receivedOn,
    requesterCategory: complaint.requesterCategory,
    status: complaint.status,
    requirements: requirements.map((r) => ({ requirementId: r.id, unitCode: r.unitCode, oficioNumber: r.oficioNumber, sentOn: r.sentOn, compliedOn: r.compliedOn })),
    version: complaint.version,
  };
}

function complaintView(data: TransparencyComplaintSnapshot) {
  const { complaintId, requirements, ...rest } = data;
  return { id: complaintId, ...rest, requirements: requirements.map(({ requirementId, ...requirement }) => ({ id: requirementId, ...requirement })) };
}
