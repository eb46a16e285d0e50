/** GET /api/openapi.json: an OpenAPI 3.1 description of these routes, built from the schemas that validate them. */
import { Hono } from "hono";
import * as z from "zod/mini";
import { optionInfos, type OptionsSchema } from "../src/options/options.ts";
import { IMAGES_BODY } from "../src/serve/image_input.ts";
import { TRANSLATE_QUERY } from "./translate.ts";
import { JOB_OPTIONS } from "../src/serve/job_options.ts";
import { MAX_BODY, MAX_IMAGES_BODY } from "../src/serve/json_body.ts";
import { MODEL_ID as MODEL_ID_SCHEMA } from "../src/serve/model_id.ts";
import { SAMPLING_QUERY } from "../src/serve/sampling_query.ts";
import { TERMS_BODY } from "./arithmetic.ts";
import { INTERPOLATE_QUERY } from "./interpolate.ts";
import { SAMPLES_QUERY } from "./samples.ts";

const ERROR_CONTENT = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };
const TOO_LARGE = { description: `a body over ${MAX_BODY} bytes`, content: ERROR_CONTENT };
const ERROR = { description: "what was wrong, as `{error}`", content: ERROR_CONTENT };
const JSON_OK = { description: "OK", content: { "application/json": {} } };
/** The sampling routes' answer when their queue is full or a request waited past its deadline. */
const BUSY = {
  description: "the server is busy sampling: retry after Retry-After seconds",
  headers: { "Retry-After": { schema: { type: "integer" } } },
  content: ERROR_CONTENT,
};
const SAMPLES_OK = {
  description: "a PNG grid (format=png), or G's own values as JSON (format=json): for images, pixels in " +
    "[-1, 1] as G makes them (classify and translate take and give [0, 1]); for points and rows, the data's units",
  content: { "image/png": {}, "application/json": {} },
};
/** A schema as JSON Schema, as requests write it (defaults make fields optional). */
const jsonSchema = (schema: z.ZodMiniType) => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input" });
  return rest;
};

/** An options schema as query parameters. */
function queryParameters(schema: OptionsSchema) {
  const properties = jsonSchema(schema).properties as Record<string, Record<string, unknown>>;
  return optionInfos(schema).map(({ name, description }) => {
    const { description: _, ...property } = properties[name];
    return { name, in: "query", required: false, description, schema: property };
  });
}

const MODEL_ID = {
  name: "id",
  in: "path",
  required: true,
  schema: jsonSchema(MODEL_ID_SCHEMA),
  description: "a model id from GET /api/models",
};
const JOB_ID = { name: "id", in: "path", required: true, schema: { type: "string" } };
const TOKEN = [{ bearer: [] }];
/** A job route's refusals: a malformed Authorization header (400), no or a wrong token (401), no such job. */
const JOB_ERRORS = { 400: ERROR, 401: ERROR, 404: ERROR };

const modelRoute = (summary: string, query: Parameters<typeof queryParameters>[0]) => ({
  get: {
    summary,
    parameters: [MODEL_ID, ...queryParameters(query)],
    responses: { 200: SAMPLES_OK, 400: ERROR, 404: ERROR, 503: BUSY },
  },
});

function openapiDocument() {
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
      "/healthz": {
        get: {
          summary: "the server is up, and its kernels work (503 once they have stalled)",
          responses: { 200: JSON_OK, 503: ERROR },
        },
      },
      "/metrics": {
        get: {
          summary: "the server's counters and gauges, in Prometheus's text format",
          responses: { 200: { description: "OK", content: { "text/plain": {} } } },
        },
      },
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
          parameters: [MODEL_ID, ...queryParameters(SAMPLING_QUERY)],
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchema(TERMS_BODY) } },
          },
          responses: { 200: SAMPLES_OK, 400: ERROR, 404: ERROR, 413: TOO_LARGE, 503: BUSY },
        },
      },
      "/api/models/{id}/classify": {
        post: {
          summary: "a semi-supervised model's class probabilities for images",
          parameters: [MODEL_ID],
          requestBody: {
            required: true,
            content: {
              "image/png": { schema: { description: "one image of the model's size and channels" } },
              "application/json": { schema: jsonSchema(IMAGES_BODY) },
            },
          },
          responses: {
            200: JSON_OK,
            400: ERROR,
            404: ERROR,
            413: { description: `a body over ${MAX_IMAGES_BODY} bytes`, content: ERROR_CONTENT },
            503: BUSY,
          },
        },
      },
      "/api/models/{id}/translate": {
        post: {
          summary:
            "a translation model's (pix2pix, SRGAN, CycleGAN) outputs for images: a PNG for a PNG, JSON for JSON",
          parameters: [MODEL_ID, ...queryParameters(TRANSLATE_QUERY)],
          requestBody: {
            required: true,
            content: {
              "image/png": { schema: { description: "one image of the model's input size and channels" } },
              "application/json": { schema: jsonSchema(IMAGES_BODY) },
            },
          },
          responses: {
            200: { description: "OK", content: { "image/png": {}, "application/json": {} } },
            400: ERROR,
            404: ERROR,
            413: { description: `a body over ${MAX_IMAGES_BODY} bytes`, content: ERROR_CONTENT },
            503: BUSY,
          },
        },
      },
      "/api/jobs": {
        get: {
          summary: "this server's training jobs",
          security: TOKEN,
          responses: { 200: JSON_OK, 400: ERROR, 401: ERROR },
        },
        post: {
          summary: "starts training, with the options of `deno task train`",
          security: TOKEN,
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchema(JOB_OPTIONS) } },
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
