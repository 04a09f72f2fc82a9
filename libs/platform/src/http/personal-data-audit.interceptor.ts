import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { PERSONAL_DATA_KEY, PersonalDataRoute, TequioClaims } from '@tequio/auth';
import { AuditRecord, AuditTrail } from '@tequio/persistence';
import { concatMap, Observable } from 'rxjs';
import { DataSource } from 'typeorm';

export const PERSONAL_DATA_READ = 'personal_data_read';

interface RoutedRequest {
  method: string;
  params?: Record<string, string>;
  route?: { path?: string };
  user?: TequioClaims;
}

/** `GET /documents/{id}`: the operation as the OpenAPI document names it, so the trail and the matrix agree. */
export function operationName(request: RoutedRequest): string {
  return `${request.method.toUpperCase()} ${(request.route?.path ?? '').replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}

/**
 * The audit entries of one successful answer of a @PersonalData route: one for the record in the path, or one per
 * item of a list; none when every role of the caller is one the service answers without the personal data.
 */
export function personalDataReads(route: PersonalDataRoute, request: RoutedRequest, body: unknown): AuditRecord[] {
  const user = request.user;
  if (!user) return [];
  if (route.withheldFrom?.length && user.roles.every((role) => route.withheldFrom?.includes(role))) return [];
  const ids = route.param
    ? [request.params?.[route.param]]
    : (((body as { items?: Array<{ id?: unknown }> } | undefined)?.items ?? []).map((item) => item?.id) as unknown[]);
  const reason = operationName(request);
  return ids
    .filter((id): id is string => typeof id === 'string' && id.length > 0)
    .map((entityId) => ({ tenant: user.tenant, actor: user.sub, entityType: route.entity, entityId, action: PERSONAL_DATA_READ, reason }));
}

/**
 * Writes the audit trail of personal-data reads once for every service, before the answer leaves: when the entry
 * cannot be written the caller gets an error instead of the data.
 */
@Injectable()
export class PersonalDataAuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = context.getType() === 'http' ? this.reflector.get<PersonalDataRoute | undefined>(PERSONAL_DATA_KEY, context.getHandler()) : undefined;
    if (!route) return next.handle();
    const request = context.switchToHttp().getRequest<RoutedRequest>();
    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        const reads = personalDataReads(route, request, body);
        try {
          if (reads.length > 0) await this.dataSource.transaction((manager) => this.audit.recordMany(manager, reads));
        } catch (error) {
          // No audited read, no bytes: a file's stream is closed unread.
          if (body instanceof StreamableFile) body.getStream().destroy();
          throw error;
        }
        return body;
      }),
    );
  }
}
