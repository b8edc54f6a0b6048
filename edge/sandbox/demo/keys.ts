/**
 * The demo OAuth service app's key pair. WebCrypto cannot derive a key pair from a seed, so
 * the demo uses this fixed EC P-256 pair (ES256) for every seed: it opens nothing but the
 * sandbox, and a fixed pair lets the CLI print it and tests sign client assertions.
 */
export const DEMO_SERVICE_APP_KID = "doorsync-demo-es256";

export const DEMO_SERVICE_APP_PRIVATE_JWK: JsonWebKey = {
  kty: "EC",
  crv: "P-256",
  x: "mcWzEaeSUTKRZlVLwOFZ8RbVDyfEQBTVDIpuSX2GCMA",
  y: "Fbuy_dVBZWT8Oewv_uzjHpz0ur-SRPtJ1JiQGaruZiU",
  d: "Jvv7v_l_cQLgJp_iwh2wrF4Whx0lTuDinIDVVziKPCs",
};

export const DEMO_SERVICE_APP_PUBLIC_JWK: JsonWebKey = {
  kty: "EC",
  crv: "P-256",
  x: DEMO_SERVICE_APP_PRIVATE_JWK.x,
  y: DEMO_SERVICE_APP_PRIVATE_JWK.y,
};

export const DEMO_SERVICE_APP_SCOPES = ["okta.users.read", "okta.groups.read", "okta.apps.read"];
