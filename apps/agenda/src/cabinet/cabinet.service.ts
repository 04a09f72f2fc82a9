import { BadRequestException, ConflictException, ForbiddenException, Injectable, Logger, NotFoundException, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { canActForUnit, TequioClaims } from '@tequio/auth';
import {
  AGREEMENT_STATUS_LABELS,
  CabinetAgreementOverdue,
  CabinetMeetingCancelled,
  CabinetMeetingHeld,
  CabinetMeetingScheduled,
  CabinetMeetingSnapshot,
  CabinetMeetingUpdated,
  EventDefinition,
} from '@tequio/contracts';
import { AttachmentsService, openOwnedAttachment } from '@tequio/attachments';
import { todayInMexico } from '@tequio/platform';
import { IncomingMessage } from 'node:http';
import { EntityManager } from 'typeorm';
import { ChangeRecorder } from '../common/change-recorder';
import { KnownUnits } from '../common/known-units';
import { AgendaSettingsService } from '../settings/agenda-settings.service';
import {
  AddAgreementDto,
  CancelCabinetMeetingDto,
  ListAgreementsQueryDto,
  ListCabinetMeetingsQueryDto,
  RecordMinutesDto,
  ReplaceAttendanceDto,
  ScheduleCabinetMeetingDto,
  UpdateAgreementDto,
} from './cabinet.dto';
import { CabinetAgreement, CabinetAttendance, CabinetMeeting } from './cabinet.entity';
import { CabinetRepository, OPEN_AGREEMENT_STATUSES } from './cabinet.repository';

const SWEEP_MINUTES = Number(process.env['AGENDA_OVERDUE_SWEEP_MINUTES'] ?? 60);
const MINUTES_OWNER = 'agenda.cabinet-meeting.minutes';

const isOverdue = (agreement: CabinetAgreement, today: string) => OPEN_AGREEMENT_STATUSES.includes(agreement.status) && agreement.dueDate < today;

function agreementView(agreement: CabinetAgreement, today: string) {
  return {
    id: agreement.id,
    meetingId: agreement.meetingId,
    description: agreement.description,
    responsibleUnitCode: agreement.responsibleUnitCode,
    dueDate: agreement.dueDate,
    status: agreement.status,
    statusLabel: AGREEMENT_STATUS_LABELS[agreement.status],
    overdue: isOverdue(agreement, today),
  };
}

interface MeetingParts {
  meeting: CabinetMeeting;
  attendance: CabinetAttendance[];
  agreements: CabinetAgreement[];
}

function meetingView({ meeting, attendance, agreements }: MeetingParts, today: string) {
  return {
    id: meeting.id,
    year: meeting.year,
    date: meeting.date,
    place: meeting.place,
    status: meeting.status,
    minuteNumber: meeting.minuteNumber,
    minuteLabel: meeting.minuteNumber ? `Minuta ${meeting.minuteNumber}/${meeting.year}` : null,
    attendance: attendance.map(({ unitCode, role }) => ({ unitCode, role })),
    agreements: agreements.map((agreement) => agreementView(agreement, today)),
    version: meeting.version,
  };
}

function meetingSnapshot({ meeting, attendance, agreements }: MeetingParts, today: string): CabinetMeetingSnapshot {
  return {
    meetingId: meeting.id,
    year: meeting.year,
    date: meeting.date,
    status: meeting.status,
    minuteNumber: meeting.minuteNumber,
    attendance: attendance.map(({ unitCode, role }) => ({ unitCode, role })),
    agreements: agreements.map((agreement) => ({
      agreementId: agreement.id,
      responsibleUnitCode: agreement.responsibleUnitCode,
      dueDate: agreement.dueDate,
      status: agreement.status,
      overdue: isOverdue(agreement, today),
    })),
    version: meeting.version,
  };
}

/** Cabinet meetings: programming, minutes numbered per year, attendance, agreements and their follow-up. */
@Injectable()
export class CabinetService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CabinetService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly cabinet: CabinetRepository,
    private readonly settings: AgendaSettingsService,
    private readonly units: KnownUnits,
    private readonly changes: ChangeRecorder,
    private readonly attachments: AttachmentsService,
  ) {}

  onApplicationBootstrap(): void {
    if (SWEEP_MINUTES <= 0) return;
    this.timer = setInterval(() => void this.notifyOverdue().catch((error: Error) => this.logger.error(`overdue sweep failed: ${error.message}`)), SWEEP_MINUTES * 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async schedule(user: TequioClaims, dto: ScheduleCabinetMeetingDto) {
    await this.settings.requireManager(user);
    return this.cabinet.transaction(async (manager) => {
      const meeting = await this.cabinet.saveMeeting(
        manager,
        Object.assign(new CabinetMeeting(), { tenant: user.tenant, year: Number(dto.date.slice(0, 4)), date: dto.date, place: dto.place, status: 'programada', minuteNumber: null, version: 1 }),
      );
      return this.emit(manager, user, CabinetMeetingScheduled, meeting, 'created', null);
    });
  }

  async recordMinutes(user: TequioClaims, id: string, dto: RecordMinutesDto) {
    await this.settings.requireManager(user);
    return this.cabinet.transaction(async (manager) => {
      const meeting = await this.requireMeeting(manager, user.tenant, id);
      if (meeting.minuteNumber !== null) {
        throw new ConflictException(`minuteNumber: la reunión del ${meeting.date} ya tiene la minuta ${meeting.minuteNumber}/${meeting.year}`);
      }
      if (meeting.status === 'cancelada') throw new ConflictException(`status: la reunión del ${meeting.date} fue cancelada; no puede tener minuta`);
      if (meeting.date > todayInMexico()) throw new ConflictException(`date: la reunión del ${meeting.date} aún no ocurre; no puede tener minuta`);
      await this.cabinet.lockMinuteNumbering(manager, user.tenant, meeting.year);
      const next = (await this.cabinet.lastMinuteNumber(manager, user.tenant, meeting.year)) + 1;
      if (dto.minuteNumber !== undefined && dto.minuteNumber !== next) {
        throw new ConflictException(`minuteNumber: las minutas son consecutivas por año; la siguiente de ${meeting.year} es la ${next}, no la ${dto.minuteNumber}`);
      }
      const before = { status: meeting.status, minuteNumber: meeting.minuteNumber };
      Object.assign(meeting, { status: 'celebrada', minuteNumber: next });
      meeting.version += 1;
      const saved = await this.cabinet.saveMeeting(manager, meeting);
      return this.emit(manager, user, CabinetMeetingHeld, saved, 'held', before);
    });
  }

  async cancel(user: TequioClaims, id: string, dto: CancelCabinetMeetingDto) {
    await this.settings.requireManager(user);
    return this.cabinet.transaction(async (manager) => {
      const meeting = await this.requireMeeting(manager, user.tenant, id);
      if (meeting.status !== 'programada') throw new ConflictException(`status: solo se cancela una reunión programada; la del ${meeting.date} está ${meeting.status}`);
      meeting.status = 'cancelada';
      meeting.version += 1;
      const saved = await this.cabinet.saveMeeting(manager, meeting);
      return this.emit(manager, user, CabinetMeetingCancelled, saved, 'cancelled', { status: 'programada' }, dto.reason);
    });
  }

  async replaceAttendance(user: TequioClaims, id: string, dto: ReplaceAttendanceDto) {
    await this.settings.requireManager(user);
    await this.units.require(
      user.tenant,
      dto.attendees.map((attendee, index) => ({ field: `attendees.${index}.unitCode`, code: attendee.unitCode })),
    );
    return this.cabinet.transaction(async (manager) => {
      const meeting = await this.requireMeeting(manager, user.tenant, id);
      if (meeting.status === 'cancelada') throw new ConflictException(`status: la reunión del ${meeting.date} fue cancelada; no tiene lista de asistencia`);
      const before = { attendance: (await this.cabinet.attendanceOf(manager, [meeting.id])).map(({ unitCode, role }) => ({ unitCode, role })) };
      await this.cabinet.replaceAttendance(manager, meeting.id, dto.attendees);
      meeting.version += 1;
      const saved = await this.cabinet.saveMeeting(manager, meeting);
      return this.emit(manager, user, CabinetMeetingUpdated, saved, 'attendance', before);
    });
  }

  async addAgreement(user: TequioClaims, id: string, dto: AddAgreementDto) {
    await this.settings.requireManager(user);
    await this.units.require(user.tenant, [{ field: 'responsibleUnitCode', code: dto.responsibleUnitCode }]);
    return this.cabinet.transaction(async (manager) => {
      const meeting = await this.requireMeeting(manager, user.tenant, id);
      if (meeting.status !== 'celebrada') throw new ConflictException(`status: los acuerdos se registran en una reunión celebrada; la del ${meeting.date} está ${meeting.status}`);
      if (dto.dueDate < meeting.date) throw new BadRequestException(`dueDate: no puede ser anterior a la reunión (${meeting.date})`);
      await this.cabinet.saveAgreement(
        manager,
        Object.assign(new CabinetAgreement(), { meetingId: meeting.id, tenant: user.tenant, description: dto.description, responsibleUnitCode: dto.responsibleUnitCode, dueDate: dto.dueDate, status: 'pendiente', overdueNotifiedAt: null }),
      );
      meeting.version += 1;
      const saved = await this.cabinet.saveMeeting(manager, meeting);
      return this.emit(manager, user, CabinetMeetingUpdated, saved, 'agreement_added', null);
    });
  }

  /** The office, or the responsible unit, follows an agreement up. */
  async updateAgreement(user: TequioClaims, agreementId: string, dto: UpdateAgreementDto) {
    return this.cabinet.transaction(async (manager) => {
      const agreement = await this.cabinet.lockAgreement(manager, user.tenant, agreementId);
      if (!agreement) throw new NotFoundException(`id: no existe el acuerdo ${agreementId}`);
      if (!canActForUnit(user, agreement.responsibleUnitCode) && !(await this.settings.isManager(user, manager))) {
        throw new ForbiddenException(`responsibleUnitCode: solo la unidad responsable (${agreement.responsibleUnitCode}) o la Oficina de la Presidencia dan seguimiento al acuerdo`);
      }
      const meeting = await this.requireMeeting(manager, user.tenant, agreement.meetingId);
      if (dto.dueDate !== undefined && dto.dueDate < meeting.date) throw new BadRequestException(`dueDate: no puede ser anterior a la reunión (${meeting.date})`);
      const before = { status: agreement.status, dueDate: agreement.dueDate };
      // A new due date may fall due again: the responsible unit is told again then.
      if (dto.dueDate !== undefined && dto.dueDate !== agreement.dueDate) agreement.overdueNotifiedAt = null;
      Object.assign(agreement, dto);
      await this.cabinet.saveAgreement(manager, agreement);
      meeting.version += 1;
      const saved = await this.cabinet.saveMeeting(manager, meeting);
      await this.changes.record(manager, user, { entityType: 'cabinet_agreement', entityId: agreement.id, action: 'updated', before, after: { status: agreement.status, dueDate: agreement.dueDate } });
      return this.emit(manager, user, CabinetMeetingUpdated, saved, 'agreement_updated', null);
    });
  }

  /** The signed minutes (scans, PDF) of a held meeting: the office uploads them. */
  async attachMinutes(user: TequioClaims, id: string, request: IncomingMessage) {
    await this.settings.requireManager(user);
    const meeting = await this.cabinet.findMeeting(user.tenant, id);
    if (!meeting) throw new NotFoundException(`id: no existe la reunión de gabinete ${id}`);
    if (meeting.status !== 'celebrada') throw new ConflictException(`status: la minuta se adjunta a una reunión celebrada; la del ${meeting.date} está ${meeting.status}`);
    return this.attachments.receive(request, { tenant: user.tenant, owner: { type: MINUTES_OWNER, id: meeting.id }, uploadedBy: user.sub });
  }

  async listMinutes(user: TequioClaims, id: string) {
    const meeting = await this.requireMinutesReader(user, id);
    return this.attachments.list(user.tenant, { type: MINUTES_OWNER, id: meeting.id });
  }

  async openMinutes(user: TequioClaims, id: string, attachmentId: string) {
    const meeting = await this.requireMinutesReader(user, id);
    return openOwnedAttachment(this.attachments, user.tenant, { type: MINUTES_OWNER, id: meeting.id }, attachmentId);
  }

  /** Minutes are internal: the office, planning, auditors and the units on the attendance list read them. */
  private async requireMinutesReader(user: TequioClaims, id: string): Promise<CabinetMeeting> {
    const meeting = await this.cabinet.findMeeting(user.tenant, id);
    if (!meeting) throw new NotFoundException(`id: no existe la reunión de gabinete ${id}`);
    if (user.roles.some((role) => role === 'planning' || role === 'auditor') || (await this.settings.isManager(user))) return meeting;
    const attended = (await this.cabinet.attendanceOf(this.cabinet.manager, [meeting.id])).some((entry) => canActForUnit(user, entry.unitCode));
    if (!attended) throw new ForbiddenException('Solo la Oficina de la Presidencia, planeación, auditoría y las unidades asistentes leen las minutas');
    return meeting;
  }

  async get(user: TequioClaims, id: string) {
    const meeting = await this.cabinet.findMeeting(user.tenant, id);
    if (!meeting) throw new NotFoundException(`id: no existe la reunión de gabinete ${id}`);
    return meetingView(await this.parts(this.cabinet.manager, meeting), todayInMexico());
  }

  async list(user: TequioClaims, query: ListCabinetMeetingsQueryDto) {
    const { items, total } = await this.cabinet.listMeetings({ tenant: user.tenant, ...query });
    const ids = items.map((meeting) => meeting.id);
    const [attendance, agreements] = await Promise.all([this.cabinet.attendanceOf(this.cabinet.manager, ids), this.cabinet.agreementsOf(this.cabinet.manager, ids)]);
    const today = todayInMexico();
    return {
      items: items.map((meeting) =>
        meetingView({ meeting, attendance: attendance.filter((a) => a.meetingId === meeting.id), agreements: agreements.filter((a) => a.meetingId === meeting.id) }, today),
      ),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async listAgreements(user: TequioClaims, query: ListAgreementsQueryDto) {
    const today = todayInMexico();
    const { items, total } = await this.cabinet.listAgreements({ tenant: user.tenant, status: query.status, unitCode: query.unitCode, overdueOn: query.overdue === 'true' ? today : undefined, limit: query.limit, offset: query.offset });
    return { items: items.map((agreement) => agreementView(agreement, today)), total, limit: query.limit, offset: query.offset };
  }

  async notifyOverdueFor(user: TequioClaims) {
    await this.settings.requireManager(user);
    const notified = await this.notifyOverdue(user.tenant);
    return { notified };
  }

  /** Tells each responsible unit, once per due date, that its agreement is overdue (event on the meeting's topic). */
  async notifyOverdue(onlyTenant?: string): Promise<{ agreementId: string; responsibleUnitCode: string; dueDate: string }[]> {
    const today = todayInMexico();
    return this.cabinet.transaction(async (manager) => {
      const due = (await this.cabinet.overdueToNotify(manager, today)).filter((agreement) => !onlyTenant || agreement.tenant === onlyTenant);
      const notified = [];
      for (const agreement of due) {
        agreement.overdueNotifiedAt = new Date();
        await this.cabinet.saveAgreement(manager, agreement);
        const meeting = await this.requireMeeting(manager, agreement.tenant, agreement.meetingId);
        meeting.version += 1;
        const saved = await this.cabinet.saveMeeting(manager, meeting);
        const parts = await this.parts(manager, saved);
        const system = { tenant: agreement.tenant, sub: 'system:overdue-agreements' };
        await this.changes.record(manager, system, {
          entityType: 'cabinet_agreement',
          entityId: agreement.id,
          action: 'overdue',
          after: { dueDate: agreement.dueDate, status: agreement.status },
          event: {
            definition: CabinetAgreementOverdue,
            subject: saved.id,
            data: { ...meetingSnapshot(parts, today), agreementId: agreement.id, responsibleUnitCode: agreement.responsibleUnitCode },
          },
        });
        notified.push({ agreementId: agreement.id, responsibleUnitCode: agreement.responsibleUnitCode, dueDate: agreement.dueDate });
      }
      return notified;
    });
  }

  private async requireMeeting(manager: EntityManager, tenant: string, id: string): Promise<CabinetMeeting> {
    const meeting = await this.cabinet.lockMeeting(manager, tenant, id);
    if (!meeting) throw new NotFoundException(`id: no existe la reunión de gabinete ${id}`);
    return meeting;
  }

  private async parts(manager: EntityManager, meeting: CabinetMeeting): Promise<MeetingParts> {
    const [attendance, agreements] = await Promise.all([this.cabinet.attendanceOf(manager, [meeting.id]), this.cabinet.agreementsOf(manager, [meeting.id])]);
    return { meeting, attendance, agreements };
  }

  private async emit(
    manager: EntityManager,
    user: TequioClaims,
    definition: EventDefinition<typeof CabinetMeetingUpdated.data>,
    meeting: CabinetMeeting,
    action: string,
    before: object | null,
    reason?: string,
  ) {
    const today = todayInMexico();
    const parts = await this.parts(manager, meeting);
    const view = meetingView(parts, today);
    await this.changes.record(manager, user, {
      entityType: 'cabinet_meeting',
      entityId: meeting.id,
      action,
      before,
      after: { status: view.status, minuteNumber: view.minuteNumber, attendance: view.attendance, agreements: view.agreements.length },
      reason,
      event: { definition, subject: meeting.id, data: meetingSnapshot(parts, today) },
    });
    return view;
  }
}
