import { mlflowContract } from './contract';

mlflowContract('postgres');
