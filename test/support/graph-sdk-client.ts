// The Microsoft Graph JS SDK pointed at a running simulation over http, with its real middleware where we need it.
import {
  Client,
  type Context,
  HTTPMessageHandler,
  type Middleware,
  RetryHandler,
  RetryHandlerOptions,
  type ShouldRetry,
} from '@microsoft/microsoft-graph-client';

/** The SDK's own auth handler sends tokens only to https Graph hosts, so over http this middleware adds the header. */
function bearerMiddleware(token: string): Middleware {
  let next: Middleware | undefined;
  return {
    async execute(context: Context) {
      const headers: Record<string, string> = {};
      new Headers(context.options?.headers as HeadersInit | undefined).forEach((value, name) => {
        headers[name] = value;
      });
      headers.authorization = `Bearer ${token}`;
      context.options = { ...context.options, headers };
      await next?.execute(context);
    },
    setNext(middleware: Middleware) {
      next = middleware;
    },
  };
}

export interface SdkClientOptions {
  version?: 'v1.0' | 'beta';
  /** Adds the SDK's RetryHandler in front, with this retry policy. */
  retry?: { maxRetries: number; shouldRetry?: ShouldRetry };
}

export function graphSdkClient(baseUrl: string, token: string, options: SdkClientOptions = {}): Client {
  const bearer = bearerMiddleware(token);
  bearer.setNext?.(new HTTPMessageHandler());
  let first: Middleware = bearer;
  if (options.retry) {
    const retry = new RetryHandler(
      new RetryHandlerOptions(0, options.retry.maxRetries, options.retry.shouldRetry),
    );
    retry.setNext(bearer);
    first = retry;
  }
  return Client.initWithMiddleware({ baseUrl, defaultVersion: options.version ?? 'v1.0', middleware: first });
}
