import { HttpError } from '../http/http.error';
import type { HttpRequest, HttpResponse } from '../http/http.types';
import { errorResponse } from '../http/response';
import { matchPath } from './path-pattern';
import type { Params } from './path-pattern';

export interface RouteContext {
  request: HttpRequest;
  params: Params;
  query: URLSearchParams;
}

export type RouteHandler = (context: RouteContext) => HttpResponse | Promise<HttpResponse>;

export interface Route {
  method: string;
  pattern: string;
  handler: RouteHandler;
}

/** Method and path routing on top of the server's single Handler. */
export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method, pattern, handler });
    return this;
  }

  get(pattern: string, handler: RouteHandler): this {
    return this.on('GET', pattern, handler);
  }

  post(pattern: string, handler: RouteHandler): this {
    return this.on('POST', pattern, handler);
  }

  put(pattern: string, handler: RouteHandler): this {
    return this.on('PUT', pattern, handler);
  }

  delete(pattern: string, handler: RouteHandler): this {
    return this.on('DELETE', pattern, handler);
  }

  /** The Handler to give to the server. HttpErrors become error responses; anything else is left to the server. */
  readonly handle = async (request: HttpRequest): Promise<HttpResponse> => {
    try {
      const url = parseTarget(request.target);
      const { route, params } = this.resolve(request.method, url.pathname);
      return await route.handler({ request, params, query: url.searchParams });
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error);
      throw error;
    }
  };

  /** The route for a method and path: 404 when no route has the path, 405 when none has the method too. */
  resolve(method: string, path: string): { route: Route; params: Params } {
    // #exercise 1.6
    const allowed = new Set<string>();
    for (const route of this.routes) {
      const params = matchPath(route.pattern, path);
      if (!params) continue;
      // HEAD is GET without the content (RFC 9110 §9.3.2); the serializer drops the body.
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { route, params };
      allowed.add(route.method);
      if (route.method === 'GET') allowed.add('HEAD');
    }
    if (allowed.size === 0) throw new HttpError({ status: 404, message: `no route for ${method} ${path}` });
    // RFC 9110 §15.5.6: a 405 lists the methods that the resource does support.
    throw new HttpError({
      status: 405,
      message: `${method} is not allowed on ${path}`,
      headers: { allow: [...allowed].join(', ') },
    });
    // #end
  }
}

/** The request-target as a URL; origin-form targets get a placeholder origin. */
function parseTarget(target: string): URL {
  try {
    return new URL(target.startsWith('/') ? `http://localhost${target}` : target);
  } catch (error) {
    throw new HttpError({ status: 400, message: 'invalid request-target', cause: error });
  }
}
