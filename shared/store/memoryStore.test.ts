import { createMemoryStore } from './memoryStore';
import { describeStoreContract } from './storeContract';

describeStoreContract('memory', () => createMemoryStore());
