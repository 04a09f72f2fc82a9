import 'reflect-metadata';
import { runService } from '@tequio/platform';
import { reportingService } from './reporting.definition';
import { runReplayCommand } from './replay-command';

// `replay` rebuilds the facts from the topics; every other command (serve, migrate, dlq-replay) is the platform's.
if (process.argv[2] === 'replay') runReplayCommand(reportingService);
else runService(reportingService);
