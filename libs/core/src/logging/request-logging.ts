import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pinoHttp } from 'pino-http';
import { logger } from './logger.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** One JSON line per request with a request id (taken from X-Request-Id when sane, echoed back). */
export const requestLogging = pinoHttp({
  logger,
  genReqId: (req: IncomingMessage, res) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', id);
    return id;
  },
  // The completion line is written at info: above that level it is not even composed.
  autoLogging: { ignore: (req) => req.url === '/health' || !logger.isLevelEnabled('info') },
  serializers: {
    req: (req) => ({ id: req.id, method: req.method, url: String(req.url).split('?')[0] }),
  },
});
