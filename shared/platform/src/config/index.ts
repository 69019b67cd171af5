export { ConfigError, EnvReader, MIN_SECRET_LENGTH, readConfig, type IntegerOptions } from './env-reader';
