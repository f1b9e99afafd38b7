import { describe, expect, it } from 'vitest';
import { compileRoute, routeWithPrefix } from './route-template.js';

describe('compileRoute', () => {
  it('matches literals case-insensitively and decodes parameters', () => {
    const route = compileRoute('api/publication/{id}');
    expect(route.match('/API/Publication/abc%20def')).toEqual({ id: 'abc def' });
    expect(route.match('/api/publication/abc/extra')).toBeNull();
  });

  it('honours int, guid and alpha constraints', () => {
    expect(compileRoute('api/locations/{locationId:int}').match('/api/locations/12')).toEqual({ locationId: '12' });
    expect(compileRoute('api/locations/{locationId:int}').match('/api/locations/twelve')).toBeNull();
    const guid = compileRoute('x/{id:guid}');
    expect(guid.match('/x/3f2504e0-4f89-11d3-9a0c-0305e82c3301')).not.toBeNull();
    expect(guid.match('/x/not-a-guid')).toBeNull();
    expect(compileRoute('x/{name:alpha}').match('/x/abc1')).toBeNull();
    expect(() => compileRoute('x/{id:colour}')).toThrow(/unknown constraint/);
  });

  it('supports optional parameters and a final catch-all', () => {
    const optional = compileRoute('api/items/{id?}');
    expect(optional.match('/api/items')).toEqual({});
    expect(optional.match('/api/items/4')).toEqual({ id: '4' });
    const catchAll = compileRoute('{*path}');
    expect(catchAll.match('/')).toEqual({});
    expect(catchAll.match('/summary-of-publications/12')).toEqual({ path: 'summary-of-publications/12' });
    expect(() => compileRoute('{*path}/more')).toThrow(/catch-all must be the last segment/);
  });

  it('ranks literal routes above parameters and catch-alls', () => {
    const literal = compileRoute('api/publication/no-match');
    const parameter = compileRoute('api/publication/{id}');
    const catchAll = compileRoute('{*path}');
    expect(literal.specificity).toBeGreaterThan(parameter.specificity);
    expect(parameter.specificity).toBeGreaterThan(catchAll.specificity);
  });
});

describe('routeWithPrefix', () => {
  it('joins host.json routePrefix and the route without doubled slashes', () => {
    expect(routeWithPrefix('api', '/items/{id}')).toBe('api/items/{id}');
    expect(routeWithPrefix('', 'api/health')).toBe('api/health');
    expect(routeWithPrefix('/v1/', '')).toBe('v1');
  });
});
