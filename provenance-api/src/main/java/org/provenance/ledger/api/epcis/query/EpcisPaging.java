package org.provenance.ledger.api.epcis.query;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * {@code perPage} and {@code nextPageToken} as the openapi defines them. A token is opaque to clients:
 * base64url of the last row's position and the query's fingerprint, so it resumes exactly after that
 * row (captured events never change) and is refused with another query. It does not expire.
 */
public final class EpcisPaging {

    public static final int DEFAULT_PER_PAGE = 30;
    public static final int MAX_PER_PAGE = 1000;

    private EpcisPaging() {
    }

    public static int perPage(String value) {
        if (value == null) {
            return DEFAULT_PER_PAGE;
        }
        int perPage;
        try {
            perPage = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw EpcisQueryException.parameter("perPage", "must be a whole number from 1 to " + MAX_PER_PAGE);
        }
        if (perPage < 1) {
            throw EpcisQueryException.parameter("perPage", "must be a whole number from 1 to " + MAX_PER_PAGE);
        }
        if (perPage > MAX_PER_PAGE) {
            throw new EpcisQueryException(HttpStatus.PAYLOAD_TOO_LARGE, EpcisQueryException.QUERY_TOO_LARGE,
                                          "perPage: at most " + MAX_PER_PAGE + " events a page; follow the Link "
                                          + "header's rel=\"next\" for the rest");
        }
        return perPage;
    }

    public static String eventToken(EpcisEventStore.Row last, String fingerprint) {
        return encode("e1|" + fingerprint + "|" + last.recordTime() + "|" + last.eventId());
    }

    public static EpcisEventStore.Cursor eventCursor(String token, String fingerprint) {
        if (token == null) {
            return null;
        }
        String[] parts = decode(token).split("\\|", 4);
        if (parts.length != 4 || !parts[0].equals("e1")) {
            throw badToken();
        }
        if (!parts[1].equals(fingerprint)) {
            throw EpcisQueryException.parameter("nextPageToken", "belongs to another query: repeat the query's "
                                                                 + "parameters unchanged with its token");
        }
        try {
            return new EpcisEventStore.Cursor(Instant.parse(parts[2]), parts[3]);
        } catch (java.time.format.DateTimeParseException e) {
            throw badToken();
        }
    }

    public static String valueToken(String resource, String last) {
        return encode("v1|" + resource + "|" + last);
    }

    public static String valueCursor(String resource, String token) {
        if (token == null) {
            return null;
        }
        String[] parts = decode(token).split("\\|", 3);
        if (parts.length != 3 || !parts[0].equals("v1") || !parts[1].equals(resource)) {
            throw badToken();
        }
        return parts[2];
    }

    /** The openapi's Link header: this request's URL with the next page's token. */
    public static String nextLink(String token) {
        String url = ServletUriComponentsBuilder.fromCurrentRequest()
                                                .replaceQueryParam("nextPageToken", token)
                                                .build(true).toUriString(); // the query string arrives encoded; a token is base64url
        return "<" + url + ">; rel=\"next\"";
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw badToken();
        }
    }

    private static EpcisQueryException badToken() {
        return EpcisQueryException.parameter("nextPageToken", "is not a token this repository gave");
    }
}
