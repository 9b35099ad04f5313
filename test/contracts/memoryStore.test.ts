import { createMemoryStore } from '../../shared/store/memoryStore';
import { describeStoreContract } from './storeContract';

describeStoreContract('memory', () => createMemoryStore());
