import { describeAuthorizationMatrix } from '@tequio/testing';
import { catalogService } from '../src/catalog.definition';

describeAuthorizationMatrix(catalogService);
