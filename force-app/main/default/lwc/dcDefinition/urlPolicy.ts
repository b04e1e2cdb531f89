/*
 * Which URLs a navigate action may open: http, https, mailto and tel, or a URL relative to the org
 * ("/lightning/o/Contact/home", "/apex/Page", "?tab=1", "#top"). Anything else - javascript:, data:, vbscript:,
 * file:, a protocol-relative "//host" - is refused. The validator checks the stored url (when it has no merge
 * fields) and the run-time navigate executor checks the resolved url with the same function, so a merge field
 * cannot smuggle a script URL in.
 */

import { urlEmpty, urlProtocolRelative, urlSchemeNotAllowed } from './messages';

export const ALLOWED_URL_SCHEMES: readonly string[] = ['http', 'https', 'mailto', 'tel'];

/**
 * Why `url` may not be opened, or undefined when it may. Browsers ignore ASCII control characters and
 * surrounding blanks when they read a scheme ("java\tscript:", " javascript:"), so those are removed before the
 * scheme is read.
 */
export function urlProblem(url: string): string | undefined {
    // eslint-disable-next-line no-control-regex
    const cleaned = url.replace(/[\u0000-\u0020\u007f]+/g, '');
    if (!cleaned) return urlEmpty();
    if (
        cleaned.startsWith('//') ||
        cleaned.startsWith('\\\\') ||
        cleaned.startsWith('/\\') ||
        cleaned.startsWith('\\/')
    ) {
        return urlProtocolRelative(url);
    }
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(cleaned);
    if (!scheme) return undefined; // relative: /path, path, ?query, #fragment
    const name = scheme[1].toLowerCase();
    if (ALLOWED_URL_SCHEMES.includes(name)) return undefined;
    return urlSchemeNotAllowed(url, name, ALLOWED_URL_SCHEMES);
}
