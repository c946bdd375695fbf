/** Fills a JSON template: "{{name}}" placeholders in strings, from the given values. */

const whole = /^\{\{(\w+)\}\}$/;

/** A string that is one placeholder takes the value as it is (a number, an object) or drops out when undefined. */
export function fillTemplate(template: unknown, values: Record<string, unknown>): unknown {
  if (typeof template === "string") {
    const name = whole.exec(template)?.[1];
    return name !== undefined ? values[name] : interpolate(template, values);
  }
  if (Array.isArray(template)) return template.map((item) => fillTemplate(item, values)).filter((item) => item !== undefined);
  if (template !== null && typeof template === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) {
      const filled = fillTemplate(value, values);
      if (filled !== undefined) out[key] = filled;
    }
    return out;
  }
  return template;
}

export function interpolate(text: string, values: Record<string, unknown>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (match, name: string) => {
    const value = values[name];
    return value === undefined ? match : String(value);
  });
}
