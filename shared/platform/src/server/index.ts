export { clientErrorHandler } from './client-error';
export { handleShutdownSignals, runMain, type RunMainOptions, type Stoppable } from './run-main';
export { startServer, type RunningServer, type ServerOptions } from './start-server';
