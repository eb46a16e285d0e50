/** GET /api/openapi.json: an OpenAPI 3.1 description of these routes, built from the specs that validate them. */
import { Hono } from "hono";
import { JOB_FLAGS } from "../src/serve/job_options.ts";
import { MAX_BODY } from "../src/serve/json_body.ts";
import { MAX_SEEDS, MAX_TERMS } from "../src/serve/terms.ts";
import { flagSchema, queryParameters } from "../src/serve/openapi_schema.ts";
import { SAMPLING_FLAGS } from "../src/serve/sampling_query.ts";
import { INTERPOLATE_QUERY } from "./interpolate.ts";
import { SAMPLES_QUERY } from "./samples.ts";

const ERROR_CONTENT = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };
const TOO_LARGE = { description: `a body over ${MAX_BODY} bytes`, content: ERROR_CONTENT };
const ERROR = { description: "what was wrong, as `{error}`", content: ERROR_CONTENT };
const JSON_OK = { description: "OK", content: { "application/json": {} } };
const SAMPLES_OK = {
  description: "a PNG grid (format=png), or the sample values as JSON (format=json)",
  content: { "image/png": {}, "application/json": {} },
};
const MODEL_ID = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[a-z0-9._-]{1,100}$" },
  description: "a model id from GET /api/models",
};
const JOB_ID = { name: "id", in: "path", required: true, schema: { type: "string" } };
const TOKEN = [{ bearer: [] }];
const JOB_ERRORS = { 401: ERROR, 404: ERROR };

const modelRoute = (summary: string, query: Parameters<typeof queryParameters>[0]) => ({
  get: {
    summary,
    parameters: [MODEL_ID, ...queryParameters(query)],
    responses: { 200: SAMPLES_OK, 400: ERROR, 404: ERROR },
  },
});

const TERMS = {
  type: "object",
  required: ["terms"],
  additionalProperties: false,
  properties: {
    terms: {
      type: "array",
      minItems: 1,
      maxItems: MAX_TERMS,
      items: {
        type: "object",
        required: ["seeds", "sign"],
        additionalProperties: false,
        properties: {
          seeds: {
            type: "array",
            minItems: 1,
            maxItems: MAX_SEEDS,
            items: { type: "integer", minimum: 0, maximum: 0xffffffff },
          },
          sign: { enum: [1, -1] },
        },
      },
    },
  },
};

export function openapiDocument() {
  return {
    openapi: "3.1.0",
    info: { title: "edgegan", version: "1", description: "Sample trained GANs and train new ones." },
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "$EDGEGAN_TOKEN, or the one printed at start",
        },
      },
      schemas: { Error: { type: "object", required: ["error"], properties: { error: { type: "string" } } } },
    },
    paths: {
      "/healthz": { get: { summary: "the server is up", responses: { 200: JSON_OK } } },
      "/api/openapi.json": { get: { summary: "this document", responses: { 200: JSON_OK } } },
      "/api/models": {
        get: { summary: "shipped models and finished runs, with their configs", responses: { 200: JSON_OK } },
      },
      "/api/models/{id}": {
        get: {
          summary: "one model",
          parameters: [MODEL_ID],
          responses: { 200: JSON_OK, 400: ERROR, 404: ERROR },
        },
      },
      "/api/models/{id}/weights": {
        get: {
          summary: "the generator's weights (safetensors, float32), to sample in the browser",
          parameters: [MODEL_ID],
          responses: {
            200: { description: "OK", content: { "application/octet-stream": {} } },
            400: ERROR,
            404: ERROR,
          },
        },
      },
      "/api/models/{id}/samples": modelRoute("a grid of samples from a seed", SAMPLES_QUERY),
      "/api/models/{id}/interpolate": modelRoute(
        "a strip of samples between two seeds' latents",
        INTERPOLATE_QUERY,
      ),
      "/api/models/{id}/arithmetic": {
        post: {
          summary: "each term's mean latent, then their signed sum, as samples",
          parameters: [MODEL_ID, ...queryParameters(SAMPLING_FLAGS)],
          requestBody: { required: true, content: { "application/json": { schema: TERMS } } },
          responses: { 200: SAMPLES_OK, 400: ERROR, 404: ERROR, 413: TOO_LARGE },
        },
      },
      "/api/jobs": {
        get: {
          summary: "this server's training jobs",
          security: TOKEN,
          responses: { 200: JSON_OK, 401: ERROR },
        },
        post: {
          summary: "starts training, with the options of `deno task train`",
          security: TOKEN,
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  additionalProperties: false,
                  properties: Object.fromEntries(JOB_FLAGS.map((flag) => [flag.name, flagSchema(flag)])),
                },
              },
            },
          },
          responses: { 201: JSON_OK, 400: ERROR, 401: ERROR, 409: ERROR, 413: TOO_LARGE },
        },
      },
      "/api/jobs/{id}": {
        get: {
          summary: "a job",
          security: TOKEN,
          parameters: [JOB_ID],
          responses: { 200: JSON_OK, ...JOB_ERRORS },
        },
        delete: {
          summary: "stops a job; its run keeps its last checkpoint",
          security: TOKEN,
          parameters: [JOB_ID],
          responses: { 200: JSON_OK, ...JOB_ERRORS, 409: ERROR },
        },
      },
      "/api/jobs/{id}/events": {
        get: {
          summary: "server-sent events: status, metrics (losses), sample (the epoch's grid)",
          security: TOKEN,
          parameters: [JOB_ID],
          responses: { 200: { description: "OK", content: { "text/event-stream": {} } }, ...JOB_ERRORS },
        },
      },
    },
  };
}

export function openapiRoute(): Hono {
  const document = openapiDocument();
  return new Hono().get("/api/openapi.json", (c) => c.json(document));
}
