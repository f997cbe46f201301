import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { OPERATIONS, openApiDocument } from './document';

/** One answer of the API, as a client received it. */
export interface Answer {
  method: string;
  /** The path requested, with or without its query string. */
  path: string;
  status: number;
  contentType: string | null;
  /** The parsed JSON body; undefined when there was none. */
  body: unknown;
  /** The answer's headers, to hold those a client reads (SET_HEADERS) to the document; unchecked when absent. */
  headers?: { get(name: string): string | null };
}

/** Headers a route sets that a client acts on (a success's, and a refusal's Retry-After): each must be documented where it is sent. */
const SET_HEADERS = ['Location', 'Idempotent-Replayed', 'Dropped-Values', 'Retry-After'] as const;

interface DocumentedResponse {
  content?: Record<string, { schema: object }>;
  headers?: Record<string, object>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, DocumentedResponse> }>>;
  components: { schemas: Record<string, object> };
}

/** The operation serving a request path, matched on its path template: `/v1/jobs/J-…/events` is `/v1/jobs/{id}/events`. */
const TEMPLATES = OPERATIONS.map((op) => ({
  method: op.method,
  path: op.path,
  pattern: new RegExp(`^${op.path.replace(/\{\w+\}/g, '[^/]+')}/?$`),
}));

/**
 * For tests (test/support/stack.ts runs every answer of `stack.call` through it): holds answers
 * to the OpenAPI document — a documented status, the documented content type, documented
 * Location, Idempotent-Replayed, Dropped-Values and Retry-After headers, and a body its schema
 * accepts; a problem+json body, on any path, against the Problem schema. Returns what is wrong,
 * naming the operation, or undefined when the answer is as documented. Each schema is compiled
 * once, the first time an answer needs it.
 */
export function answerCheck(document = openApiDocument() as OpenApiDocument): (answer: Answer) => string | undefined {
  const compile = schemaCompiler(document);
  const compiled = new Map<string, ValidateFunction>();
  const validator = (key: string, schema: object) => {
    let validate = compiled.get(key);
    if (!validate) {
      validate = compile(schema);
      compiled.set(key, validate);
    }
    return validate;
  };

  return ({ method, path, status, contentType, body, headers }) => {
    const pathname = path.split('?')[0]!;
    // A literal path is its own operation even where a template would match it (api/literal-paths.ts).
    const literal = TEMPLATES.some((candidate) => candidate.path === pathname);
    const operation = TEMPLATES.find(
      (candidate) =>
        candidate.method === method.toLowerCase() && (literal ? candidate.path === pathname : candidate.pattern.test(pathname)),
    );
    const mediaType = contentType?.split(';')[0]?.trim() ?? '';
    if (!operation) {
      // Not an operation (no route, a method the path does not take, /openapi.json): only a problem has a documented shape.
      if (mediaType !== 'application/problem+json') return undefined;
      const validate = validator('Problem', { $ref: '#/components/schemas/Problem' });
      return validate(body)
        ? undefined
        : `${method.toUpperCase()} ${pathname} answered ${status} with a problem unlike the Problem schema:\n${describe(validate.errors)}`;
    }

    const name = `${operation.method.toUpperCase()} ${operation.path}`;
    const documented = document.paths[operation.path]![operation.method]!.responses[String(status)];
    if (!documented) return `${name} answered ${status}, a status its documentation does not list.`;
    const undocumented = SET_HEADERS.filter((header) => headers?.get(header) != null && !documented.headers?.[header]);
    if (undocumented.length > 0)
      return `${name} answered ${status} with ${undocumented.join(', ')}, a header its documentation does not list.`;
    if (!documented.content) return body === undefined ? undefined : `${name} answered ${status} with a body; its documentation says none.`;
    const media = documented.content[mediaType];
    if (!media)
      return `${name} answered ${status} as ${contentType ?? 'nothing'}; documented: ${Object.keys(documented.content).join(', ')}.`;
    // Bytes (a photo) have no shape to check beyond their documented content type; an event
    // stream's schema is that of each message (checked as they come, event-stream.test.ts).
    if ('contentMediaType' in media.schema || mediaType === 'text/event-stream') return undefined;
    const validate = validator(`${name} ${status} ${mediaType}`, media.schema);
    return validate(body) ? undefined : `${name} answered ${status} unlike its documented schema:\n${describe(validate.errors)}`;
  };
}

/** Compiles a schema of the document, strictly (a misspelt keyword is an error), resolving its $refs to the document's components. */
export function schemaCompiler(document: Pick<OpenApiDocument, 'components'>): (schema: object) => ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  // A $ref like #/components/schemas/Job points into the document: each schema carries the components along.
  ajv.addVocabulary(['components']);
  return (schema) => ajv.compile({ ...schema, components: { schemas: document.components.schemas } });
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((error) => `  ${error.instancePath || '/'} ${error.message ?? 'is not valid'} ${JSON.stringify(error.params)}`)
    .join('\n');
}
