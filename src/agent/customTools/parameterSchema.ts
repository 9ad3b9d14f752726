// A self-made tool's parameters are a JSON schema the model wrote. Ajv checks that it is a valid
// schema for an object and then validates each call's arguments against it; its errors are
// turned into messages that name the field and say what to fix.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as z from 'zod';

// Not strict: a schema with keywords Ajv does not know ("examples", vendor extensions) is still
// usable. Defaults are filled in so the script sees them. Formats (uri, date-time, email, ...)
// are checked: MCP servers' schemas use them.
const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
addFormats(ajv);

export type CompiledParameters = { ok: true; validate: ValidateFunction } | { ok: false; problem: string };

/** Checks `parameters` as the schema of a tool's arguments and compiles it. */
export function compileParameters(parameters: Record<string, unknown>): CompiledParameters {
  if (parameters.type !== 'object') {
    return { ok: false, problem: `parameters must be a JSON schema with "type": "object" (the arguments are one JSON object), not ${describeType(parameters.type)}` };
  }
  const schema = withoutDialect(parameters);
  if (!ajv.validateSchema(schema)) return { ok: false, problem: `parameters is not a valid JSON schema: ${firstSchemaError(ajv.errors ?? [])}` };
  try {
    return { ok: true, validate: ajv.compile(schema) };
  } catch (err) {
    return { ok: false, problem: `parameters cannot be used: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export type ToolArguments = Record<string, unknown>;

/**
 * Any JSON object, refined by a tool's own schema (a self-made tool's, an MCP server's). The
 * schema is attached as metadata, so the JSON schema generated for the model (toolSpecs) is
 * exactly the one the tool declared.
 */
export function argumentsSchema(parameters: Record<string, unknown>, validate: ValidateFunction): z.ZodType<ToolArguments> {
  const { id: _draft4Id, ...declared } = withoutDialect(parameters);
  return z
    .custom<ToolArguments>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'the arguments must be a JSON object')
    .superRefine((value, ctx) => {
      if (validate(value)) return;
      for (const issue of argumentIssues(validate.errors ?? [])) ctx.addIssue({ code: 'custom', ...issue });
    })
    .meta(declared);
}

export interface ArgumentIssue {
  path: string[];
  message: string;
}

/** What is wrong with the arguments, field by field, in the words the model needs. */
export function argumentIssues(errors: readonly ErrorObject[]): ArgumentIssue[] {
  return errors.map((error) => {
    const path = error.instancePath.split('/').slice(1).map(unescapePointer);
    if (error.keyword === 'required') return { path: [...path, String(error.params.missingProperty)], message: 'missing (required)' };
    if (error.keyword === 'additionalProperties') return { path: [...path, String(error.params.additionalProperty)], message: 'not a parameter of this tool' };
    const allowed = Array.isArray(error.params.allowedValues) ? ` (${error.params.allowedValues.map((value) => JSON.stringify(value)).join(', ')})` : '';
    return { path, message: `${error.message ?? 'is invalid'}${allowed}` };
  });
}

/** Ajv reads draft-07; a `$schema` naming another draft would make it refuse a usable schema. */
export function withoutDialect(parameters: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = parameters;
  return rest;
}

function firstSchemaError(errors: readonly ErrorObject[]): string {
  const [first] = errors;
  if (!first) return 'unknown problem';
  const where = `parameters${first.instancePath.replace(/\//g, '.')}`;
  const allowed = Array.isArray(first.params.allowedValues) ? ` (${first.params.allowedValues.join(', ')})` : '';
  return `${where} ${first.message ?? 'is invalid'}${allowed}`;
}

function describeType(type: unknown): string {
  return type === undefined ? 'a schema without "type"' : `"type": ${JSON.stringify(type)}`;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
