package org.provenance.ledger.api.support;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.List;

/**
 * The local users of the test ledger. `tester` holds every role and every facility so that
 * scenario tests can set up supply chains freely; the others hold one role each, and `operator`
 * records only for the facilities {@link #OPERATOR_MINE} and {@link #OPERATOR_PLANT}.
 */
public final class TestUsers {

    public record User(String name, String password, String roles, String facilities) {

        /** The name recorded in events for this user: local users are namespaced. */
        public String principal() {
            return "local:" + name;
        }
    }

    public static final String OPERATOR_MINE = "SEC-MINE";
    public static final String OPERATOR_PLANT = "SEC-PLANT";

    public static final User TESTER = new User("tester", "tester-secret", "ADMIN,OPERATOR,COMPLIANCE,AUDITOR", "*");
    public static final User OPERATOR = new User("operator", "operator-secret", "OPERATOR",
                                                 OPERATOR_MINE + "," + OPERATOR_PLANT);
    public static final User COMPLIANCE = new User("compliance", "compliance-secret", "COMPLIANCE", "");
    public static final User AUDITOR = new User("auditor", "auditor-secret", "AUDITOR", "");
    public static final User ADMIN = new User("admin", "admin-secret", "ADMIN", "");
    /** An operator of two facilities known by EPCIS locations (EpcisSecurityApiTest registers them). */
    public static final User EPCIS_OPERATOR = new User("epcis-operator", "epcis-operator-secret", "OPERATOR",
                                                       "EPCIS-OP-MINE,EPCIS-OP-PLANT");
    public static final List<User> ALL = List.of(TESTER, OPERATOR, COMPLIANCE, AUDITOR, ADMIN, EPCIS_OPERATOR);
    /** Only for the login throttle's tests, which lock it out: no other test may depend on it. */
    public static final User THROTTLED = new User("throttled", "throttled-secret", "COMPLIANCE", "");

    private TestUsers() {
    }

    static void register(DynamicPropertyRegistry registry) {
        for (User user : java.util.stream.Stream.concat(ALL.stream(), java.util.stream.Stream.of(THROTTLED)).toList()) {
            String prefix = "ledger.security.local-users." + user.name();
            registry.add(prefix + ".password", () -> "{noop}" + user.password());
            registry.add(prefix + ".roles", user::roles);
            registry.add(prefix + ".facilities", user::facilities);
        }
    }
}
