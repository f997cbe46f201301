import type { paths } from '../../api/openapi/client-types.generated';
import type { TestStack } from './stack';

/**
 * A request as a client generated from the OpenAPI document (openapi-typescript) types it: the
 * path parameters, query and JSON body the document allows, and the success body it promises.
 * `npm run typecheck` fails where a test's call and the document disagree.
 */
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Parameters<O> = O extends { parameters: infer Given } ? Given : never;
type PathOf<O> = Parameters<O> extends { path?: infer Path } ? ([Path] extends [never | undefined] ? unknown : { params: Path }) : unknown;
type QueryOf<O> =
  Parameters<O> extends { query?: infer Query } ? ([Query] extends [never | undefined] ? unknown : { query?: Query }) : unknown;
type BodyOf<O> = O extends { requestBody: { content: { 'application/json': infer Body } } }
  ? { body: Body }
  : O extends { requestBody?: { content: { 'application/json': infer Body } } }
    ? { body?: Body }
    : unknown;
type Success = 200 | 201 | 202;
type JsonOf<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : undefined;
/** The body of any success the operation documents (204: undefined). */
export type SuccessBody<O> = O extends { responses: infer Responses }
  ? { [S in keyof Responses & (Success | 204)]: JsonOf<Responses[S]> }[keyof Responses & (Success | 204)]
  : never;

export type TypedRequest<P extends keyof paths, M extends Method> = { token?: string; headers?: Record<string, string> } & PathOf<
  Operation<P, M>
> &
  QueryOf<Operation<P, M>> &
  BodyOf<Operation<P, M>>;

/** Sends the request through stack.call (so the answer is also held to the document) and expects a success: 2xx, else throws with the problem. */
export async function typedCall<P extends keyof paths, M extends Method & keyof paths[P]>(
  stack: Pick<TestStack, 'call'>,
  method: M,
  path: P,
  request: TypedRequest<P, M>,
): Promise<{ status: number; headers: Headers; body: SuccessBody<Operation<P, M>> }> {
  const { token, headers, params, query, body } = request as {
    token?: string;
    headers?: Record<string, string>;
    params?: Record<string, string | number>;
    query?: Record<string, string | number | readonly (string | number)[] | undefined>;
    body?: unknown;
  };
  const filled = String(path).replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${String(path)}: no value for {${name}}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) search.append(name, String(one));
  }
  const target = search.size > 0 ? `${filled}?${search}` : filled;
  const answer = await stack.call(method.toUpperCase(), target, token, body, headers);
  if (answer.status < 200 || answer.status > 299) {
    throw new Error(`${method.toUpperCase()} ${target} answered ${answer.status}: ${answer.text.slice(0, 1000)}`);
  }
  return { status: answer.status, headers: answer.headers, body: answer.body as SuccessBody<Operation<P, M>> };
}
