/** The municipality's calendar day (Oaxaca runs on Mexico City time), as AAAA-MM-DD. */
export function todayInMexico(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
