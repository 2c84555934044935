package org.provenance.ledger.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import static org.provenance.ledger.api.security.Roles.ADMIN;
import static org.provenance.ledger.api.security.Roles.AUDITOR;
import static org.provenance.ledger.api.security.Roles.COMPLIANCE;
import static org.provenance.ledger.api.security.Roles.OPERATOR;

/**
 * Stateless authentication for every endpoint but health (SPEC 8): HTTP Basic for local users,
 * and Bearer JWTs when an issuer or key is configured. The permission matrix is here, in one place;
 * operators' facility scoping is checked per request by {@link FacilityAccess}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final String[] READERS = {COMPLIANCE, AUDITOR, ADMIN};

    /** Where the console lives; everything else is the API's (and keeps its stateless chain). */
    public static final String[] CONSOLE_PATHS = {"/", "/console", "/console/**", "/login", "/logout", "/webjars/**",
                                                  "/oauth2/**", "/login/oauth2/**"};

    /**
     * The compliance console: a session and form login (or OpenID Connect login when a client
     * registration is configured), CSRF on every form. Same users and roles as the API; each page
     * needs the role its API reads need, and the console calls the API's own handlers, so
     * operators' facility scoping and the validation are the API's.
     */
    @Bean
    @org.springframework.core.annotation.Order(1)
    SecurityFilterChain console(HttpSecurity http, LedgerSecurityProperties properties,
                                ObjectProvider<org.springframework.security.oauth2.client.registration.ClientRegistrationRepository> oidc)
            throws Exception {
        http.securityMatcher(CONSOLE_PATHS)
            .formLogin(form -> form.loginPage("/login").permitAll())
            .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
            .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")))
            .authorizeHttpRequests(auth -> auth
                    .requestMatchers("/webjars/**", "/console/assets/**", "/login", "/login/oauth2/**",
                                     "/oauth2/**").permitAll()
                    .requestMatchers("/console/record", "/console/record/**").hasRole(OPERATOR)
                    .requestMatchers(HttpMethod.POST, "/console/flags/*/reviews").hasRole(COMPLIANCE)
                    .requestMatchers("/console/lots/*/events").hasRole(AUDITOR)
                    .requestMatchers("/console/**").hasAnyRole(READERS)
                    // the landing page: the overview for readers, the recording forms for operators
                    .anyRequest().authenticated());
        if (oidc.getIfAvailable() != null) {
            http.oauth2Login(login -> login.loginPage("/login")
                    .userInfoEndpoint(info -> info.userAuthoritiesMapper(new OidcClaimsToAuthorities(properties.jwt()))
                                                  .oidcUserService(OidcClaimsToAuthorities.namedLikeTokens(properties.jwt()))));
            log.info("Console login through OpenID Connect enabled");
        }
        return http.build();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ProblemAuthenticationHandlers problems,
                            ObjectProvider<JwtDecoder> jwtDecoder, LedgerSecurityProperties properties)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
            .httpBasic(basic -> basic.authenticationEntryPoint(problems))
            .authorizeHttpRequests(auth -> auth
                    .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                    .requestMatchers("/actuator/**").hasRole(ADMIN)
                    .requestMatchers("/error").permitAll()
                    // The API's description, for any authenticated user: it tells nothing a caller
                    // cannot learn by calling, but anonymous callers learn nothing at all (SPEC 8).
                    .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                                     "/swagger-ui.html", "/swagger-ui/**").authenticated()
                    // writes
                    .requestMatchers(HttpMethod.POST, "/api/facilities", "/api/blocs").hasRole(ADMIN)
                    .requestMatchers(HttpMethod.PUT, "/api/blocs/**").hasRole(ADMIN)
                    .requestMatchers(HttpMethod.DELETE, "/api/blocs/**").hasRole(ADMIN)
                    .requestMatchers(HttpMethod.POST, "/api/lots/extractions", "/api/lots/registrations",
                                     "/api/transformations", "/api/transfers").hasRole(OPERATOR)
                    // each line of a batch is checked against the role its kind needs
                    .requestMatchers(HttpMethod.POST, "/api/batches", "/api/batch-jobs").hasAnyRole(OPERATOR, ADMIN, COMPLIANCE)
                    // a job is read by its submitter (or an admin): checked by the controller
                    .requestMatchers(HttpMethod.GET, "/api/batch-jobs", "/api/batch-jobs/**")
                    .hasAnyRole(OPERATOR, ADMIN, COMPLIANCE)
                    .requestMatchers(HttpMethod.POST, "/api/flags/*/reviews").hasRole(COMPLIANCE)
                    // corrections (SPEC 12): the administrator corrects facilities; a void is compliance's
                    // or the seller's operator's (the use case checks which seller)
                    .requestMatchers(HttpMethod.POST, "/api/facilities/*/corrections").hasRole(ADMIN)
                    .requestMatchers(HttpMethod.POST, "/api/transfers/*/voids").hasAnyRole(COMPLIANCE, OPERATOR)
                    // part checks are recorded attestations: compliance and auditors (SPEC 8); a what-if
                    // records nothing, and the bloc administrator plans membership changes with it
                    .requestMatchers(HttpMethod.POST, "/api/checks").hasAnyRole(COMPLIANCE, AUDITOR)
                    .requestMatchers(HttpMethod.POST, "/api/what-if").hasAnyRole(READERS)
                    .requestMatchers("/api/admin/**").hasRole(ADMIN)
                    // --- EPCIS query interface, subscriptions and webhooks (docs/DESIGN.md, "EPCIS queries,
                    // subscriptions and webhooks"). Queries read every stored event: compliance and audit.
                    // A subscription or webhook sends data off the ledger to a URL: compliance creates and
                    // deletes them (a flag webhook also admin, who runs the integrations).
                    .requestMatchers(HttpMethod.POST, "/epcis/queries/*/subscriptions").hasRole(COMPLIANCE)
                    .requestMatchers(HttpMethod.DELETE, "/epcis/queries/*/subscriptions/*").hasRole(COMPLIANCE)
                    .requestMatchers(HttpMethod.POST, "/epcis/queries").hasAnyRole(COMPLIANCE, AUDITOR)
                    .requestMatchers(HttpMethod.DELETE, "/epcis/queries/*").hasAnyRole(COMPLIANCE, AUDITOR)
                    .requestMatchers(HttpMethod.GET, "/epcis/events", "/epcis/eventTypes", "/epcis/eventTypes/**",
                                     "/epcis/bizSteps", "/epcis/bizSteps/**", "/epcis/dispositions",
                                     "/epcis/dispositions/**", "/epcis/bizLocations", "/epcis/bizLocations/**",
                                     "/epcis/readPoints", "/epcis/readPoints/**", "/epcis/epcs", "/epcis/epcs/**",
                                     "/epcis/queries", "/epcis/queries/**").hasAnyRole(COMPLIANCE, AUDITOR)
                    .requestMatchers(HttpMethod.OPTIONS, "/epcis/**").authenticated()
                    .requestMatchers("/api/webhooks/**").hasAnyRole(COMPLIANCE, ADMIN)
                    // --- end of the EPCIS query and webhook rules
                    // raw history and audit
                    .requestMatchers(HttpMethod.POST, "/api/audit/alarm/acknowledgement").hasRole(ADMIN)
                    .requestMatchers("/api/audit/**").hasRole(AUDITOR)
                    .requestMatchers(HttpMethod.GET, "/api/lots/*/events").hasRole(AUDITOR)
                    // the lists (and their CSV): compliance, audit and admin
                    .requestMatchers(HttpMethod.GET, "/api/facilities", "/api/lots", "/api/transfers", "/api/flags")
                    .hasAnyRole(READERS)
                    // reads: operators see facilities and lots, the others everything
                    .requestMatchers(HttpMethod.GET, "/api/facilities/*", "/api/lots/*")
                    .hasAnyRole(OPERATOR, COMPLIANCE, AUDITOR, ADMIN)
                    .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(READERS)
                    // EPCIS (SPEC 8): capture is an operator's write, checked event by event against its
                    // facilities; a job is read by its submitter or the readers (checked by the controller);
                    // queries and trace are for compliance and audit
                    .requestMatchers(HttpMethod.POST, "/epcis/capture", "/epcis/events").hasRole(OPERATOR)
                    .requestMatchers(HttpMethod.OPTIONS, "/epcis/capture").hasAnyRole(OPERATOR, COMPLIANCE, AUDITOR, ADMIN)
                    .requestMatchers(HttpMethod.GET, "/epcis/capture", "/epcis/capture/*")
                    .hasAnyRole(OPERATOR, COMPLIANCE, AUDITOR, ADMIN)
                    .requestMatchers("/epcis/**").hasAnyRole(COMPLIANCE, AUDITOR)
                    .anyRequest().authenticated());
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        if (decoder != null) {
            // Spring Boot's decoder keeps its own validators (timestamps, issuer-uri, audiences); the
            // ledger's rules and the cache of verified tokens wrap it.
            JwtDecoder verified = new VerifiedTokens(decoder, properties.jwt(), Clock.systemUTC());
            http.oauth2ResourceServer(oauth -> oauth
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems)
                    .jwt(jwt -> jwt.decoder(verified)
                                   .jwtAuthenticationConverter(new ClaimsToAuthorities(properties.jwt()))));
            log.info("Bearer tokens accepted (claims: principal '{}', roles '{}', facilities '{}'; required: {})",
                     properties.jwt().principalClaim(), properties.jwt().rolesClaim(),
                     properties.jwt().facilitiesClaim(), properties.jwt().claimsRequired());
        }
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Local users from configuration. With none configured and no token issuer, a bootstrap
     * `admin` holding every role gets a random password, printed once on the console (never
     * logged, so it does not end up in log files).
     */
    @Bean
    AuthenticationProvider localUsers(LedgerSecurityProperties properties, PasswordEncoder encoder,
                                      ObjectProvider<JwtDecoder> jwtDecoder) {
        List<UserDetails> users = new ArrayList<>();
        properties.localUsers().forEach((name, user) -> {
            if (name.isBlank() || name.contains("#") || name.contains(":")) {
                // '#' would make the name look like a token subject's; ':' cannot pass HTTP Basic
                throw new IllegalStateException("ledger.security.local-users: the name '" + name
                                                        + "' must not be blank nor contain '#' or ':'");
            }
            if (user.password() == null || user.password().isBlank()) {
                throw new IllegalStateException("ledger.security.local-users." + name + ".password is required");
            }
            users.add(User.withUsername(name).password(user.password())
                          .authorities(Roles.authorities(user.roles(), user.facilities())).build());
        });
        if (users.isEmpty() && jwtDecoder.getIfAvailable() == null) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            users.add(User.withUsername("admin").password(encoder.encode(password))
                          .authorities(Roles.authorities(Roles.ALL, List.of(Roles.ALL_FACILITIES))).build());
            System.out.println();
            System.out.println("No users are configured: created user 'admin' (every role, every facility) "
                                       + "with the password: " + password);
            System.out.println("It is not stored and changes at every start; configure ledger.security.local-users "
                                       + "or an OpenID Connect issuer for real use.");
            System.out.println();
        }
        return new CachingPasswordAuthentication(new InMemoryUserDetailsManager(users), encoder,
                                                 properties.passwordCheckCache(), properties.loginThrottle());
    }

    /** Maps a token's claims to the ledger's roles and an operator's facilities. */
    static final class ClaimsToAuthorities implements Converter<Jwt, AbstractAuthenticationToken> {

        private final LedgerSecurityProperties.Jwt claims;

        ClaimsToAuthorities(LedgerSecurityProperties.Jwt claims) {
            this.claims = claims;
        }

        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            // the principal claim is a required one: VerifiedTokens refused the token without it
            return new JwtAuthenticationToken(jwt, Roles.authorities(values(jwt, claims.rolesClaim()),
                                                                     values(jwt, claims.facilitiesClaim())),
                                              Principals.token(jwt, claims.principalClaim()));
        }

        private static Collection<String> values(Jwt jwt, String claim) {
            Object value = jwt.getClaims().get(claim);
            if (value instanceof Collection<?> list) {
                return list.stream().map(String::valueOf).toList();
            }
            if (value instanceof String text) {
                return List.of(text.split("[,\\s]+"));
            }
            return List.of();
        }
    }
}
