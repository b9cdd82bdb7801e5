// Serving the built renderer, shared by the browser host (HTTP) and the Electron shell (the
// app:// protocol): the same routes, the same content types, the same security headers.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { WindowRole } from '../../shared/contract.js';

/** The two windows' routes. Both load the same page; the renderer picks the app by path. */
export const WINDOW_ROUTES: Record<WindowRole, string> = { console: '/console', station: '/station' };

export function windowForPath(pathname: string): WindowRole | null {
  for (const [role, route] of Object.entries(WINDOW_ROUTES) as [WindowRole, string][]) {
    if (pathname === route || pathname === `${route}/`) return role;
  }
  return null;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * A strict policy: scripts and styles only from the app itself (no inline script, no eval),
 * images from the app and from data:/blob: (camera frames), connections only to `connectSrc`.
 */
export function contentSecurityPolicy(connectSrc: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self'",
    `connect-src ${connectSrc}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function securityHeaders(connectSrc: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(connectSrc),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
  };
}

export interface RendererFile {
  body: Buffer;
  contentType: string;
}

/** The file for a URL path, or null (404). Never leaves rendererDir, whatever the path says. */
export async function rendererFile(rendererDir: string, pathname: string): Promise<RendererFile | null> {
  let rel: string;
  if (windowForPath(pathname)) {
    rel = 'index.html';
  } else if (pathname.startsWith('/assets/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    if (decoded.includes('\0')) return null;
    rel = decoded.slice(1);
  } else {
    return null;
  }
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, rel);
  if (!file.startsWith(root + path.sep)) return null;
  try {
    const body = await readFile(file);
    return { body, contentType: TYPES[path.extname(file)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
