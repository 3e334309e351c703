// oidc-provider ships no type declarations; the harness types the little it uses.
declare module "oidc-provider";
