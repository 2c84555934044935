package org.provenance.ledger.api.epcis;

import java.util.Locale;

/**
 * One stored form for CBV vocabulary values, so that capture and query agree: EPCIS 2.0 lets a
 * client write a standard business step as {@code shipping}, as the CBV 1.x URN
 * {@code urn:epcglobal:cbv:bizstep:shipping} or as the GS1 Web URI
 * {@code https://ref.gs1.org/cbv/BizStep-shipping}; all three are stored, and matched, as the bare
 * term. Values outside the CBV (a company's own URI) are kept exactly as sent.
 */
public final class EpcisVocabulary {

    private static final String[] BIZ_STEP_PREFIXES = {
            "urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-", "http://ref.gs1.org/cbv/BizStep-"};
    private static final String[] DISPOSITION_PREFIXES = {
            "urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-", "http://ref.gs1.org/cbv/Disp-"};

    private EpcisVocabulary() {
    }

    public static String bizStep(String value) {
        return bare(value, BIZ_STEP_PREFIXES);
    }

    public static String disposition(String value) {
        return bare(value, DISPOSITION_PREFIXES);
    }

    private static String bare(String value, String[] prefixes) {
        if (value == null) {
            return null;
        }
        for (String prefix : prefixes) {
            if (value.length() > prefix.length() && value.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return value.substring(prefix.length()).toLowerCase(Locale.ROOT);
            }
        }
        // A bare CBV term is a lower-case word with underscores; anything else is a URI of its own.
        return value.matches("[A-Za-z_]+") ? value.toLowerCase(Locale.ROOT) : value;
    }
}
