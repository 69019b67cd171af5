import express from 'express';
import request from 'supertest';
import { toJsonRepresentation } from '../cache';
import { sendRepresentation } from './representation';

const value = {
  articles: [{ slug: 'kindred', title: 'Kindred — “1976”', tagList: ['時間'] }],
  articlesCount: 1,
};

function app() {
  const served = express();
  served.get('/json', (_req, res) => {
    res.json(value);
  });
  served.get('/representation', (_req, res) => {
    sendRepresentation(res, toJsonRepresentation(value));
  });
  return served;
}

describe('sendRepresentation()', () => {
  it('When a representation is sent, then status, type, ETag and bytes are those of res.json() with the value', async () => {
    const [direct, sent] = await Promise.all([
      request(app()).get('/json'),
      request(app()).get('/representation'),
    ]);
    expect(sent.status).toBe(200);
    expect(sent.headers['content-type']).toBe(direct.headers['content-type']);
    expect(sent.headers['etag']).toBe(direct.headers['etag']);
    expect(sent.headers['content-length']).toBe(direct.headers['content-length']);
    expect(sent.text).toBe(direct.text);
    expect(sent.body).toEqual(value);
  });

  it('When the request carries the ETag in If-None-Match, then the answer is 304 without a body', async () => {
    const { etag } = toJsonRepresentation(value);
    const res = await request(app()).get('/representation').set('If-None-Match', etag);
    expect(res.status).toBe(304);
    expect(res.text).toBe('');
    expect(res.headers['etag']).toBe(etag);
  });

  it('When the request is HEAD, then the headers come without the body', async () => {
    const res = await request(app()).head('/representation');
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(toJsonRepresentation(value).body.length));
    expect(res.text).toBeUndefined();
  });
});
