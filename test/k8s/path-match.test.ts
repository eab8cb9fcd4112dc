import { PathMatch, PathMatchType } from '../../src/k8s/path-match';

describe('PathMatch', () => {
  test.each([
    [PathMatch.exact('/a'), PathMatchType.EXACT, { exact: '/a' }, { type: 'Exact', value: '/a' }],
    [PathMatch.prefix('/a'), PathMatchType.PREFIX, { prefix: '/a' }, { type: 'PathPrefix', value: '/a' }],
    [PathMatch.regex('/a.*'), PathMatchType.REGEX, { regex: '/a.*' }, { type: 'RegularExpression', value: '/a.*' }],
  ])('renders one description for both APIs', (match, type, istio, gatewayApi) => {
    expect(match.type).toBe(type);
    expect(match.toIstio()).toEqual(istio);
    expect(match.toGatewayApi()).toEqual(gatewayApi);
  });
});
