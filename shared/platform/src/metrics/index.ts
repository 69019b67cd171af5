export { createMetrics, routeLabel, UNMATCHED_ROUTE, type Metrics, type MetricsOptions } from './metrics';
