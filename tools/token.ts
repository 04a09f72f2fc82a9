// Prints a dev JWT signed with the local dev key pair (see libs/auth/README.md).
//   node -r @swc-node/register tools/token.ts --role admin
//   node -r @swc-node/register tools/token.ts --role unit_head --units 402,801 --tenant oaxaca-de-juarez
import { parseArgs } from 'node:util';
import { ROLES, type Role, isRole, signDevToken } from '@tequio/auth';

const USAGE = `usage: token --role <${ROLES.join('|')}> [--role <role>...] [--units 402,801] [--tenant <id>] [--sub <id>]`;

// Usage errors exit with 2, like most CLIs, so scripts can tell them from crashes.
function failUsage(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(2);
}

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        role: { type: 'string', multiple: true },
        units: { type: 'string' },
        tenant: { type: 'string' },
        sub: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return failUsage(`${error instanceof Error ? error.message : String(error)}; ${USAGE}`);
  }
}

function main(): void {
  const args = parseCommandLine();
  const requestedRoles = args.role ?? [];
  if (requestedRoles.length === 0) failUsage(`--role is required; ${USAGE}`);

  const unknownRole = requestedRoles.find((role) => !isRole(role));
  if (unknownRole !== undefined) {
    failUsage(`unknown role '${unknownRole}'; valid roles: ${ROLES.join(', ')}`);
  }
  const roles = requestedRoles.filter(isRole) satisfies Role[];
  const units = (args.units ?? '')
    .split(',')
    .map((unit) => unit.trim())
    .filter((unit) => unit.length > 0);

  process.stdout.write(`${signDevToken({ roles, units, tenant: args.tenant, sub: args.sub })}\n`);
}

main();
