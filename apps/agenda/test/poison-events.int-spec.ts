import { describePoisonDrill } from '@tequio/testing';
import { agendaService } from '../src/agenda.definition';

describePoisonDrill(agendaService);
