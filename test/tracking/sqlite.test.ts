import { mlflowContract } from './contract';

mlflowContract('sqlite');
