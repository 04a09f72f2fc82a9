/**
 * Whether a service accepts the tenant of an admin token yet. Services other than catalog learn a new municipality
 * from catalog's topic; until then the tenant guard answers 403. The parked-outbox list is behind that guard on every
 * service and readable by an admin, so its 200 is the signal.
 */
export async function acceptsTenant(serviceUrl: string, adminToken: string): Promise<boolean> {
  const response = await fetch(`${serviceUrl}/outbox/parked`, { headers: { authorization: `Bearer ${adminToken}` } }).catch(() => undefined);
  return response?.status === 200;
}
