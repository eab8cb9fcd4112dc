/** How a request path is matched. */
export enum PathMatchType {
  /** The whole path. */
  EXACT = 'Exact',
  /** Path prefix, element-wise in the Gateway API and string-wise in Istio. */
  PREFIX = 'PathPrefix',
  /** RE2 regular expression. */
  REGEX = 'RegularExpression',
}

/**
 * A request path match, rendered as an Istio `uri` match or a Gateway API `path` match.
 *
 * @example PathMatch.prefix('/api')
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httppathmatch
 */
export class PathMatch {
  /** Matches exactly this path. */
  public static exact(path: string): PathMatch {
    return new PathMatch(PathMatchType.EXACT, path);
  }

  /** Matches paths starting with this prefix. */
  public static prefix(path: string): PathMatch {
    return new PathMatch(PathMatchType.PREFIX, path);
  }

  /** Matches paths against an RE2 regular expression. */
  public static regex(pattern: string): PathMatch {
    return new PathMatch(PathMatchType.REGEX, pattern);
  }

  private constructor(public readonly type: PathMatchType, public readonly value: string) {}

  /** The Istio `StringMatch` form. */
  public toIstio(): { exact?: string; prefix?: string; regex?: string } {
    switch (this.type) {
      case PathMatchType.EXACT: return { exact: this.value };
      case PathMatchType.PREFIX: return { prefix: this.value };
      case PathMatchType.REGEX: return { regex: this.value };
    }
  }

  /** The Gateway API `HTTPPathMatch` form. */
  public toGatewayApi(): { type: string; value: string } {
    return { type: this.type, value: this.value };
  }
}
