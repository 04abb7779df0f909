import { MemoryStorage } from '../../lib/tuning';
import { storageContract } from './storage-contract';

const storage = new MemoryStorage();
storageContract('memory', { storage: () => storage });
