import { exercise } from '@course/test-harness';
import type { HttpResponse } from '@target/http/http.types';
import { json } from '@target/http/response';
import { readJson } from '@target/router/json-body';
import { matchPath } from '@target/router/path-pattern';
import { Router } from '@target/router/router';
import { headerOf, jsonRequest, makeRequest } from './support/requests';

function itemsRouter(): Router {
  return new Router()
    .get('/items', ({ query }) => json(200, { tags: query.getAll('tag'), q: query.get('q') }))
    .post('/items', ({ request }) => json(201, readJson(request)))
    .get('/items/:id', ({ params }) => json(200, params))
    .delete('/items/:id', () => ({ status: 204 }))
    .get('/users/:userId/items/:itemId', ({ params }) => json(200, params))
    .get('/broken', () => {
      throw new Error('bug in a handler');
    });
}

const router = itemsRouter();

function bodyOf(response: HttpResponse): unknown {
  return JSON.parse(String(response.body));
}

exercise('1.6', () => {
  it('When a path equals a static pattern, then it matches with no parameters', () => {
    expect(matchPath('/items', '/items')).toEqual({});
  });

  it('When a path has a different number of segments, then it does not match', () => {
    expect(matchPath('/items/:id', '/items')).toBeUndefined();
    expect(matchPath('/items/:id', '/items/1/extra')).toBeUndefined();
  });

  it('When a parameter segment is empty, then the path does not match', () => {
    expect(matchPath('/items/:id', '/items/')).toBeUndefined();
  });

  it('When a path matches a pattern with a parameter, then the handler gets it', async () => {
    const response = await router.handle(makeRequest('GET', '/items/42'));
    expect(response.status).toBe(200);
    expect(bodyOf(response)).toEqual({ id: '42' });
  });

  it('When a pattern has two parameters, then both are captured by name', async () => {
    const response = await router.handle(makeRequest('GET', '/users/7/items/abc'));
    expect(bodyOf(response)).toEqual({ userId: '7', itemId: 'abc' });
  });

  it('When a parameter is percent-encoded, then the handler gets it decoded', async () => {
    const response = await router.handle(makeRequest('GET', '/items/caf%C3%A9%20au%20lait'));
    expect(bodyOf(response)).toEqual({ id: 'café au lait' });
  });

  it('When a parameter has broken percent-encoding, then the answer is 400', async () => {
    expect((await router.handle(makeRequest('GET', '/items/%E0%A4%A'))).status).toBe(400);
  });

  it('When the target has a query string, then the handler gets it parsed, repeated keys included', async () => {
    const response = await router.handle(makeRequest('GET', '/items?tag=a&tag=b&q=x%20y'));
    expect(bodyOf(response)).toEqual({ tags: ['a', 'b'], q: 'x y' });
  });

  it('When the query string is present, then it does not affect which route matches', async () => {
    expect(bodyOf(await router.handle(makeRequest('GET', '/items/9?verbose=1')))).toEqual({ id: '9' });
  });

  it('When no route has the path, then the answer is 404 with a JSON error', async () => {
    const response = await router.handle(makeRequest('GET', '/nothing-here'));
    expect(response.status).toBe(404);
    expect(bodyOf(response)).toMatchObject({ error: 'Not Found' });
  });

  it('When the path exists but not for the method, then the answer is 405 with the allowed methods', async () => {
    const response = await router.handle(makeRequest('PUT', '/items/1'));
    expect(response.status).toBe(405);
    const allow = headerOf(response, 'allow');
    if (allow === undefined)
      throw new Error('expected an Allow header on the 405, naming the allowed methods');
    expect(allow.split(/\s*,\s*/).sort()).toEqual(['DELETE', 'GET', 'HEAD']);
  });

  it('When a HEAD request comes for a GET route, then the GET handler answers it', async () => {
    const response = await router.handle(makeRequest('HEAD', '/items/5'));
    expect(response.status).toBe(200);
  });

  it('When a JSON body is posted, then the handler gets it parsed', async () => {
    const response = await router.handle(jsonRequest('POST', '/items', { name: 'pen', tags: ['a'] }));
    expect(response.status).toBe(201);
    expect(bodyOf(response)).toEqual({ name: 'pen', tags: ['a'] });
  });

  it('When the content type has a charset or capitals, then the body is still read as JSON', async () => {
    const headers = { 'content-type': 'Application/JSON; charset=utf-8' };
    const response = await router.handle(makeRequest('POST', '/items', { headers, body: '{"a":1}' }));
    expect(response.status).toBe(201);
  });

  it('When the body is not valid JSON, then the answer is 400', async () => {
    const headers = { 'content-type': 'application/json' };
    const response = await router.handle(makeRequest('POST', '/items', { headers, body: '{"a":' }));
    expect(response.status).toBe(400);
  });

  it('When the body is labelled as something other than JSON, then the answer is 415 naming what is accepted', async () => {
    const headers = { 'content-type': 'text/plain' };
    const response = await router.handle(makeRequest('POST', '/items', { headers, body: '{"a":1}' }));
    expect(response.status).toBe(415);
    expect(headerOf(response, 'accept')).toBe('application/json');
  });

  it.each([
    ['a type that only starts like JSON', 'application/jsonp'],
    ['another JSON-based type', 'application/json-patch+json'],
    ['JSON named only in a parameter', 'text/plain; note=application/json'],
  ])('When the body is labelled with %s, then the answer is 415', async (_case, contentType) => {
    const headers = { 'content-type': contentType };
    const response = await router.handle(makeRequest('POST', '/items', { headers, body: '{"a":1}' }));
    expect(response.status).toBe(415);
  });

  it('When the body has no Content-Type, then the answer is 415', async () => {
    expect((await router.handle(makeRequest('POST', '/items', { body: '{"a":1}' }))).status).toBe(415);
  });

  it('When a handler throws something that is not an HttpError, then the router lets it through to the server', async () => {
    await expect(router.handle(makeRequest('GET', '/broken'))).rejects.toThrow('bug in a handler');
  });
});
