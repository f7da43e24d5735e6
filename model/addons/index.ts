export * from './names';
export * from './options';
export * from './spec';
export * from './catalog';
export * from './graph';
export * from './merge';
export * from './pod-security';
