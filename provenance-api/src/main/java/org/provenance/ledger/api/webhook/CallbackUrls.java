package org.provenance.ledger.api.webhook;

import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where the ledger may POST (the SSRF stance, docs/DESIGN.md): http or https only, no user info, a
 * host that resolves; never a loopback, link-local, wildcard or multicast address unless the settings
 * allow loopback; a private (site-local) address only for a host listed in
 * {@code ledger.webhooks.allowed-hosts}; and, when that list is set, only its hosts. Checked when a
 * callback is registered and again before every attempt, so a name that later resolves elsewhere
 * (DNS rebinding) is refused then.
 */
@Component
public class CallbackUrls {

    /** A callback the ledger will not call; the message says why, for the client. */
    public static class RefusedUrlException extends RuntimeException {
        public RefusedUrlException(String message) {
            super(message, null, false, false);
        }
    }

    private final WebhookProperties properties;

    public CallbackUrls(WebhookProperties properties) {
        this.properties = properties;
    }

    public URI check(String url) {
        if (url == null || url.isBlank()) {
            throw new RefusedUrlException("is required");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedUrlException("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedUrlException("must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedUrlException("must not carry a user name or password");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new RefusedUrlException("must name a host");
        }
        host = host.toLowerCase(Locale.ROOT);
        boolean listed = listed(host);
        if (!properties.allowedHosts().isEmpty() && !listed) {
            throw new RefusedUrlException("names a host that is not in ledger.webhooks.allowed-hosts");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new RefusedUrlException("names a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress()) {
                if (!properties.allowLoopback()) {
                    throw new RefusedUrlException("resolves to a loopback address (allowed only with "
                                                  + "ledger.webhooks.allow-loopback)");
                }
            } else if (address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isMulticastAddress()) {
                throw new RefusedUrlException("resolves to a link-local, wildcard or multicast address");
            } else if (address.isSiteLocalAddress() && !listed) {
                throw new RefusedUrlException("resolves to a private address; list the host in "
                                              + "ledger.webhooks.allowed-hosts to allow it");
            }
        }
        return uri;
    }

    private boolean listed(String host) {
        for (String allowed : properties.allowedHosts()) {
            String a = allowed.strip().toLowerCase(Locale.ROOT);
            if (a.equals(host) || (a.startsWith("*.") && host.endsWith(a.substring(1)))) {
                return true;
            }
        }
        return false;
    }
}
