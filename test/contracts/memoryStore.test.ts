import { createMemoryStore } from '../../shared/store/drivers';
import { describeStoreContract } from './storeContract';

describeStoreContract('memory', () => createMemoryStore());
