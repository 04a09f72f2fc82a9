import { z } from 'zod';

// People read these messages: validation errors speak Spanish.
z.config(z.locales.es());

// Zod says "se esperaba número, recibido número" for Infinity (JSON cannot carry it, a query parameter can): say what
// is wrong with it instead.
z.config({
  customError: (issue) =>
    issue.code === 'invalid_type' && issue.expected === 'number' && typeof issue.input === 'number' && !Number.isFinite(issue.input)
      ? `Entrada inválida: se esperaba un número finito, recibido ${issue.input}`
      : undefined,
});
