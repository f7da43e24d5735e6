export * from './addons';
export * from './contract';
export * from './definition';
export * from './layout';
export * from './names';
export * from './problems';
export * from './resolve';
export * from './types';
export { formatVersion } from './rules/version';
