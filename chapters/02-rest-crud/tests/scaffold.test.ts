import SwaggerParser from '@apidevtools/swagger-parser';
import { scaffold } from '@course/test-harness';
import request from 'supertest';
import { ConfigError, loadConfig } from '@target/config';
import { makeApp } from './support';

scaffold('the app boots and documents itself', () => {
  describe('GET /openapi.json', () => {
    it('When the document is requested, then it is served as JSON and validates as OpenAPI 3', async () => {
      const { app } = makeApp();
      const res = await request(app).get('/openapi.json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.openapi).toMatch(/^3\./);
      await expect(SwaggerParser.validate(structuredClone(res.body))).resolves.toBeDefined();
    });

    it('When the document is read, then it lists the books and authors operations under /api/v1', async () => {
      const { app } = makeApp();
      const { body } = await request(app).get('/openapi.json');
      expect(body.servers).toEqual([{ url: '/api/v1' }]);
      expect(Object.keys(body.paths).sort()).toEqual([
        '/authors',
        '/authors/{authorId}',
        '/books',
        '/books/{bookId}',
      ]);
    });
  });

  describe('GET /docs', () => {
    it('When /docs is requested, then it redirects to /docs/', async () => {
      const { app } = makeApp();
      const res = await request(app).get('/docs');
      expect(res.status).toBe(301);
      expect(res.headers.location).toBe('/docs/');
    });

    it('When /docs/ is requested, then Swagger UI answers with its page', async () => {
      const { app } = makeApp();
      const res = await request(app).get('/docs/');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('swagger-ui');
    });
  });

  describe('unknown routes', () => {
    it('When nothing is at a path, then the answer is 404', async () => {
      const { app } = makeApp();
      const res = await request(app).get('/no/such/thing');
      expect(res.status).toBe(404);
    });

    it("When a path under /docs/ is not one of Swagger UI's files, then the answer is 404", async () => {
      const { app } = makeApp();
      expect((await request(app).get('/docs/missing.js')).status).toBe(404);
    });
  });

  describe('requests without a body', () => {
    it('When TRACE is sent to a known path, then the answer is 405, whatever its framing', async () => {
      const { app } = makeApp();
      expect((await request(app).trace('/api/v1/books')).status).toBe(405);
      expect((await request(app).trace('/api/v1/books').set('Content-Length', '0')).status).toBe(405);
    });

    it('When DELETE comes with Content-Length: 0 and no Content-Type, then no media type is asked for (405 here, not 415)', async () => {
      const { app } = makeApp();
      const res = await request(app).delete('/api/v1/books').set('Content-Length', '0');
      expect(res.status).toBe(405);
    });
  });

  describe('a method the path does not have', () => {
    it('When it comes with a body that is not JSON, then the method is answered first: 405, not 415', async () => {
      const { app } = makeApp();
      const res = await request(app).put('/api/v1/books').set('Content-Type', 'text/plain').send('a title');
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, POST, HEAD');
    });
  });
});

scaffold('configuration', () => {
  it('When the environment sets nothing, then the defaults apply', () => {
    expect(loadConfig({})).toEqual({ port: 3002, logLevel: 'info', nodeEnv: 'development' });
  });

  it('When the environment sets every variable, then they are used', () => {
    expect(loadConfig({ PORT: '8080', LOG_LEVEL: 'debug', NODE_ENV: 'production' })).toEqual({
      port: 8080,
      logLevel: 'debug',
      nodeEnv: 'production',
    });
  });

  it('When PORT is not a port number, then loading fails and names the variable', () => {
    for (const port of ['abc', '', '-1', '65536', '80.5']) {
      expect(() => loadConfig({ PORT: port })).toThrow(ConfigError);
      expect(() => loadConfig({ PORT: port })).toThrow(/PORT must be an integer/);
    }
  });

  it('When several variables are wrong, then one error reports all of them', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'loud', NODE_ENV: 'staging' })).toThrow(
      /PORT must be[^]*LOG_LEVEL must be one of error, warn, info[^]*NODE_ENV must be one of/,
    );
  });
});
