import { MeshRule } from './rule';
import { MalformedObject } from './rules/aim100-malformed-object';
import { DuplicateObject } from './rules/aim101-duplicate-object';
import { MissingGateway } from './rules/aim102-missing-gateway';
import { HostNotServed } from './rules/aim103-host-not-served';
import { DuplicateGatewayHost } from './rules/aim104-duplicate-gateway-host';
import { MissingSubset } from './rules/aim105-missing-subset';
import { MissingParent } from './rules/aim106-missing-parent';
import { RouteNotAllowed } from './rules/aim107-route-not-allowed';
import { MissingReferenceGrant } from './rules/aim108-missing-reference-grant';
import { ManagedAddressNamespace } from './rules/aim109-managed-address-namespace';
import { UnknownGatewaySelector } from './rules/aim110-unknown-gateway-selector';
import { BlockedKind } from './rules/aim111-blocked-kind';
import { EnvoyFilterUse } from './rules/aim112-envoy-filter';
import { MeshConfigRefused } from './rules/aim113-mesh-config';
import { NamespaceRevision } from './rules/aim114-namespace-revision';
import { EgressResolution } from './rules/aim115-egress-resolution';
import { TlsWithoutCertificate } from './rules/aim116-tls-without-certificate';
import { UnmountedSecretProviderClass } from './rules/aim122-unmounted-secret-provider-class';
import { StrictMtlsTlsDisabled } from './rules/aim117-strict-mtls-tls-disabled';
import { IdentityWithoutMtls } from './rules/aim118-identity-without-mtls';
import { OptionalJwt } from './rules/aim119-optional-jwt';
import { UpstreamLocation } from './rules/aim120-upstream-location';
import { WrongRootNamespace } from './rules/aim121-root-namespace';
import { CanaryMeshConfig } from './rules/aim123-canary-mesh-config';
import { UnpinnedGateway } from './rules/aim124-unpinned-gateway';
import { GatewayMinReplicas } from './rules/aim125-gateway-min-replicas';
import { ManagedServiceChange } from './rules/aim126-managed-service-change';
import { ConflictingMeshHosts } from './rules/aim127-conflicting-mesh-hosts';
import { ConflictingGateways } from './rules/aim128-conflicting-gateways';
import { ServiceEntryAddresses } from './rules/aim129-service-entry-addresses';
import { DestinationHostNotFound } from './rules/aim130-destination-host-not-found';
import { BackendKind } from './rules/aim131-backend-kind';
import { NoMatchingListenerHostname } from './rules/aim132-no-matching-listener-hostname';
import { InvalidListenerTls } from './rules/aim133-listener-tls';
import { UnreachableRoute } from './rules/aim134-unreachable-route';
import { IneffectiveMatch } from './rules/aim135-ineffective-match';
import { DestinationPortRequired } from './rules/aim136-destination-port-required';
import { MultipleNamespaceSidecars } from './rules/aim137-multiple-namespace-sidecars';
import { ConflictingSidecarSelectors } from './rules/aim138-conflicting-sidecar-selectors';
import { SidecarSelectsNothing } from './rules/aim139-sidecar-selects-nothing';
import { MultipleNamespaceTelemetries } from './rules/aim140-multiple-namespace-telemetries';
import { ConflictingTelemetrySelectors } from './rules/aim141-conflicting-telemetry-selectors';
import { TelemetrySelectsNothing } from './rules/aim142-telemetry-selects-nothing';
import { UnknownDestinationRuleHost } from './rules/aim143-unknown-destination-rule-host';
import { ConflictingServiceEntryProtocol } from './rules/aim144-conflicting-service-entry-protocol';
import { InternalGatewayReference } from './rules/aim145-internal-gateway-reference';
import { UnexposedPort } from './rules/aim201-unexposed-port';
import { AnyHost } from './rules/aim202-any-host';
import { RoutesFromAll } from './rules/aim203-routes-from-all';
import { MissingTlsSecret } from './rules/aim204-missing-tls-secret';

/** Every rule, in code order. Codes are stable: a retired rule's code is never reused. */
export const ALL_RULES: readonly MeshRule[] = [
  MalformedObject, DuplicateObject, MissingGateway, HostNotServed, DuplicateGatewayHost, MissingSubset, MissingParent,
  RouteNotAllowed, MissingReferenceGrant, ManagedAddressNamespace, UnknownGatewaySelector, BlockedKind,
  EnvoyFilterUse, MeshConfigRefused, NamespaceRevision, EgressResolution, TlsWithoutCertificate,
  StrictMtlsTlsDisabled, IdentityWithoutMtls, OptionalJwt, UpstreamLocation, WrongRootNamespace,
  UnmountedSecretProviderClass, CanaryMeshConfig, UnpinnedGateway, GatewayMinReplicas, ManagedServiceChange,
  ConflictingMeshHosts, ConflictingGateways, ServiceEntryAddresses, DestinationHostNotFound, BackendKind,
  NoMatchingListenerHostname, InvalidListenerTls, UnreachableRoute, IneffectiveMatch, DestinationPortRequired,
  MultipleNamespaceSidecars, ConflictingSidecarSelectors, SidecarSelectsNothing, MultipleNamespaceTelemetries,
  ConflictingTelemetrySelectors, TelemetrySelectsNothing, UnknownDestinationRuleHost, ConflictingServiceEntryProtocol,
  InternalGatewayReference, UnexposedPort, AnyHost,
  RoutesFromAll, MissingTlsSecret,
];
