/** Starts the API in production: configuration from the environment, pino logs, graceful close. */
import { runServer } from './run.js';

void runServer();
