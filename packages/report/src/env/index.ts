export * from './variables';
export * from './configurations';
export * from './consumer-hcl';
export * from './plan-apply';
