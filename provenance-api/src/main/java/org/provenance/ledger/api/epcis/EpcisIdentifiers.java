package org.provenance.ledger.api.epcis;

import org.provenance.ledger.common.Validation;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EPC identifiers as the ledger stores and compares them (SPEC 11): GS1 Digital Link URIs in their
 * EPC URN form, and ledger ids made from EPCIS identifiers.
 * <p>
 * A Digital Link URI does not say where the GS1 Company Prefix ends; the URN form does. Without
 * GS1's prefix length table the conversion assumes a 7-digit company prefix (the most common
 * length, and the one of the standard's examples); a client whose prefix has another length sends
 * URNs (docs/EPCIS.md, "Identifiers").
 */
public final class EpcisIdentifiers {

    /** The company prefix length assumed for Digital Link URIs. */
    public static final int DEFAULT_COMPANY_PREFIX_LENGTH = 7;

    private static final Pattern DIGITAL_LINK = Pattern.compile(
            "https?://[^/]+(?:/[^/]*)*?/(01|414|417|8004|00)/([^/?#]+)(?:/(10|21|254)/([^/?#]+))?(?:[?#].*)?");

    private EpcisIdentifiers() {
    }

    /** The URN form of an identifier: Digital Link URIs converted, anything else as it is. */
    public static String toUrn(String id) {
        if (id == null) {
            return null;
        }
        Matcher m = DIGITAL_LINK.matcher(id);
        if (!m.matches()) {
            return id;
        }
        String ai = m.group(1);
        String key = decode(m.group(2));
        String qualifierAi = m.group(3);
        String qualifier = m.group(4) == null ? null : decode(m.group(4));
        int cp = DEFAULT_COMPANY_PREFIX_LENGTH;
        switch (ai) {
            case "01" -> {
                if (!key.matches("[0-9]{14}")) {
                    return id;
                }
                String prefix = key.substring(1, 1 + cp);
                String itemRef = key.charAt(0) + key.substring(1 + cp, 13);
                if ("10".equals(qualifierAi)) {
                    return "urn:epc:class:lgtin:" + prefix + "." + itemRef + "." + qualifier;
                }
                if ("21".equals(qualifierAi)) {
                    return "urn:epc:id:sgtin:" + prefix + "." + itemRef + "." + qualifier;
                }
                return qualifierAi == null ? "urn:epc:idpat:sgtin:" + prefix + "." + itemRef + ".*" : id;
            }
            case "414", "417" -> {
                if (!key.matches("[0-9]{13}")) {
                    return id;
                }
                String prefix = key.substring(0, cp);
                String locationRef = key.substring(cp, 12);
                if (ai.equals("417")) {
                    return qualifierAi == null ? "urn:epc:id:pgln:" + prefix + "." + locationRef : id;
                }
                if (qualifierAi == null) {
                    return "urn:epc:id:sgln:" + prefix + "." + locationRef + ".0";
                }
                return "254".equals(qualifierAi) ? "urn:epc:id:sgln:" + prefix + "." + locationRef + "." + qualifier : id;
            }
            case "00" -> {
                if (!key.matches("[0-9]{18}") || qualifierAi != null) {
                    return id;
                }
                return "urn:epc:id:sscc:" + key.substring(1, 1 + cp) + "." + key.charAt(0) + key.substring(1 + cp, 17);
            }
            case "8004" -> {
                if (qualifierAi != null || key.length() <= cp) {
                    return id;
                }
                return "urn:epc:id:giai:" + key.substring(0, cp) + "." + key.substring(cp);
            }
            default -> {
                return id;
            }
        }
    }

    /**
     * The ledger id for an EPCIS identifier (an eventID, a lot's EPC class): the identifier itself
     * when it is a valid ledger id, otherwise {@code epcis:} and the first 40 hex digits of the
     * SHA-256 of its UTF-8 text (SPEC 11).
     */
    public static String ledgerId(String epcisId) {
        if (Validation.isId(epcisId)) {
            return epcisId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(epcisId.getBytes(StandardCharsets.UTF_8));
            return "epcis:" + HexFormat.of().formatHex(digest).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lot id of an EPC class: its URN form as a ledger id. */
    public static String lotId(String epcClass) {
        return ledgerId(toUrn(epcClass));
    }

    /**
     * Whether an EPC matches an EPC pattern ({@code urn:epc:idpat:sgtin:0614141.*.*}, or an EPC or
     * class itself): each {@code *} stands for one whole dot-separated field. The EPC is compared
     * in URN form.
     */
    public static boolean matchesPattern(String pattern, String epc) {
        String urn = toUrn(epc);
        String p = toUrn(pattern);
        if (!p.startsWith("urn:epc:idpat:")) {
            return p.equals(urn);
        }
        String scheme = p.substring("urn:epc:idpat:".length());
        int colon = scheme.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String type = scheme.substring(0, colon);
        String prefix = (type.equals("lgtin") ? "urn:epc:class:" : "urn:epc:id:") + type + ":";
        if (!urn.startsWith(prefix)) {
            return false;
        }
        String[] want = scheme.substring(colon + 1).split("\\.", -1);
        String[] have = urn.substring(prefix.length()).split("\\.", -1);
        if (want.length != have.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (!want[i].equals("*") && !want[i].equals(have[i])) {
                return false;
            }
        }
        return true;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
