import { describePoisonDrill } from '@tequio/testing';
import { correspondenceService } from '../src/correspondence.definition';

describePoisonDrill(correspondenceService);
