import type { DenialReason } from "./schema.js";

/**
 * The case a contract gets for a refusal it does not state: a status, the reason as its code, a plain message.
 * forbidden_grant has none: where a contract leaves it out, insufficient_scope answers.
 */
export const defaultCases: Record<Exclude<DenialReason, "forbidden_grant">, { status: number; code: string; message: string }> = {
  insecure_transport: { status: 403, code: "insecure_transport", message: "HTTPS is required." },
  missing_credentials: { status: 401, code: "missing_credentials", message: "Missing API key." },
  malformed_key: { status: 401, code: "malformed_key", message: "Malformed API key." },
  unknown_key: { status: 401, code: "unknown_key", message: "Invalid API key." },
  revoked_key: { status: 401, code: "revoked_key", message: "This API key has been revoked." },
  expired_key: { status: 401, code: "expired_key", message: "This API key has expired." },
  forbidden_key_kind: { status: 403, code: "forbidden_key_kind", message: "This key cannot be used for this request." },
  insufficient_scope: { status: 403, code: "insufficient_scope", message: "This key lacks the {{permission}} permission." },
  rate_limited: { status: 429, code: "rate_limited", message: "Rate limit exceeded." },
  validation_failed: { status: 400, code: "validation_failed", message: "Invalid request body: {{field}} ({{rule}})." },
  malformed_json: { status: 400, code: "malformed_json", message: "Request body is not valid JSON." },
  unsupported_media_type: { status: 415, code: "unsupported_media_type", message: "Content-Type must be application/json." },
  payload_too_large: { status: 413, code: "payload_too_large", message: "Request body is too large." },
  not_found: { status: 404, code: "not_found", message: "Not found." },
  route_not_found: { status: 404, code: "route_not_found", message: "No route for {{method}} {{path}}." },
};
