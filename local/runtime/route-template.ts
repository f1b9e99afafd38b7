/**
 * HTTP trigger route templates as the Functions host understands them (ASP.NET Core route syntax):
 * literals (case-insensitive), `{name}`, `{name?}`, `{name:int}` (int, long, bool, guid, alpha, datetime),
 * and a final catch-all `{*rest}`. Parameters are URL-decoded.
 */

const constraintPatterns: Record<string, string> = {
  int: '-?\\d+',
  long: '-?\\d+',
  bool: '(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])',
  guid: '[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}',
  alpha: '[A-Za-z]+',
  datetime: '[^/]+',
};

export interface CompiledRoute {
  template: string;
  /** Higher is more specific: literal segments outrank parameters, which outrank catch-alls. */
  specificity: number;
  match(path: string): Record<string, string> | null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileRoute(template: string): CompiledRoute {
  const trimmed = template.replace(/^\/+|\/+$/g, '');
  const segments = trimmed === '' ? [] : trimmed.split('/');
  const names: string[] = [];
  let pattern = '^';
  let specificity = 0;
  segments.forEach((segment, index) => {
    const catchAll = /^\{\*([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(segment);
    if (catchAll?.[1]) {
      if (index !== segments.length - 1) throw new Error(`Route "${template}": a catch-all must be the last segment`);
      names.push(catchAll[1]);
      pattern += '(?:/(.*))?';
      return;
    }
    const optional = /^\{([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?\?\}$/.exec(segment);
    if (optional?.[1]) {
      names.push(optional[1]);
      const constraint = optional[2] ? constraintPatterns[optional[2]] : '[^/]+';
      if (constraint === undefined) throw new Error(`Route "${template}": unknown constraint "${optional[2] ?? ''}"`);
      pattern += `(?:/(${constraint}))?`;
      specificity += 1;
      return;
    }
    let segmentPattern = '';
    let rest = segment;
    let hasParameter = false;
    while (rest.length > 0) {
      const parameter = /^\{([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?\}/.exec(rest);
      if (parameter?.[1]) {
        const constraint = parameter[2] ? constraintPatterns[parameter[2]] : '[^/]+?';
        if (constraint === undefined)
          throw new Error(`Route "${template}": unknown constraint "${parameter[2] ?? ''}"`);
        names.push(parameter[1]);
        segmentPattern += `(${constraint})`;
        rest = rest.slice(parameter[0].length);
        hasParameter = true;
        continue;
      }
      const nextBrace = rest.indexOf('{');
      const literal = nextBrace === -1 ? rest : rest.slice(0, nextBrace);
      if (literal.length === 0) throw new Error(`Route "${template}": malformed segment "${segment}"`);
      segmentPattern += escapeRegExp(literal);
      rest = rest.slice(literal.length);
    }
    pattern += `/${segmentPattern}`;
    specificity += hasParameter ? 2 : 4;
  });
  pattern += '/?$';
  const regex = new RegExp(pattern, 'i');
  return {
    template,
    specificity: specificity * 100 + segments.length,
    match(path: string) {
      const normalised = path === '' || path.startsWith('/') ? path : `/${path}`;
      const result = regex.exec(normalised === '/' ? '' : normalised);
      if (!result) return null;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        const value = result[i + 1];
        if (value !== undefined) params[name] = decodeURIComponent(value);
      });
      return params;
    },
  };
}

/** The path a route answers on, with host.json's routePrefix in front, as `/prefix/route`. */
export function routeWithPrefix(routePrefix: string, route: string): string {
  const parts = [routePrefix, route].map((p) => p.replace(/^\/+|\/+$/g, '')).filter((p) => p.length > 0);
  return parts.join('/');
}
