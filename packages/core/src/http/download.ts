import { type Dispatcher, request } from 'undici';
import type { Exchange } from './attempt.js';

/** `undici.request` through `dispatcher` as an Exchange (undici.request does not follow redirects itself). */
export function undiciExchange(dispatcher: Dispatcher): Exchange {
  return async (url, signal) => {
    const response = await request(url, { dispatcher, signal, method: 'GET' });
    const location = response.headers.location;
    return {
      status: response.statusCode,
      location: Array.isArray(location) ? location[0] : location,
      body: response.body,
    };
  };
}
