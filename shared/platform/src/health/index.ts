export { healthRouter, runCheck, type HealthCheck, type HealthOptions } from './health.router';
