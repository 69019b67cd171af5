export { clientKey } from './client-key';
export { RATE_LIMIT_ERROR_CODES } from './error-codes';
export { LoginThrottle, type LoginThrottleOptions } from './login-throttle';
export { rateLimit, type RateLimitOptions } from './rate-limit.middleware';
export { redisRateLimiter, type RedisRateLimiterOptions } from './redis-limiter';
