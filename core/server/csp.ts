/**
 * The one Content Security Policy for the renderer, in Electron and in browser mode: nothing remote.
 * maplibre needs blob: workers and data:/blob: images; connect-src 'self' lets browser mode reach its API.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The renderer's index.html with the policy as a meta tag (the build and the Electron audit use this). */
export const withCspMeta = (html: string): string =>
  html.replace('<!--CSP-->', `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`);
