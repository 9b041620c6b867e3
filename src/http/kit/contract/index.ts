export type {
  ContractCase,
  ContractExpect,
  ContractFile,
  ContractRequest,
  ContractStep,
  Exchange,
  Send,
} from './contract.js';
export { matchShape } from './matcher.js';
export { bodyOf, compare, interpolate, recordCase, runCase } from './run.js';
export { generalize, mergeShapes } from './record.js';
