export * from './acknowledgement';
export * from './business-time';
export * from './classifier';
export * from './request';
export * from './settings';
export * from './spotting';
export * from './spotting-types';
