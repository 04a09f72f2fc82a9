/** The fields a PATCH body actually sets: `undefined` means "leave as is", `null` means "clear". */
export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
