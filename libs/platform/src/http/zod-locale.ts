import { z } from 'zod';

// People read these messages: validation errors speak Spanish.
z.config(z.locales.es());
