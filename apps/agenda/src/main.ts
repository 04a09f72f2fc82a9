import 'reflect-metadata';
import { runService } from '@tequio/platform';
import { agendaService } from './agenda.definition';

runService(agendaService);
